/** README text with what stands between two markers replaced by `content`; throws when a marker is missing. */
export function replaceBetweenMarkers(readme: string, begin: string, end: string, content: string): string {
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${begin} ... ${end}`);
  return `${readme.slice(0, from + begin.length)}\n${content}\n${readme.slice(to)}`;
}
