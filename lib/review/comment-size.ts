/** GitHub's limit on one issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * The longest rendering that fits: `render(0)` is everything, each higher level leaves more
 * out (the renderer says what, in the text). Past the last level the text is cut at a line
 * boundary, never inside a line, and says how many lines were left out; levels past 0 emit
 * no code fences, so a cut never leaves one open.
 */
export function fitComment(render: (level: number) => string, maxLength: number | undefined, levels = 3): string {
  let text = render(0);
  if (maxLength === undefined || text.length <= maxLength) return text;
  for (let level = 1; level < levels; level++) {
    text = render(level);
    if (text.length <= maxLength) return text;
  }
  const lines = text.split("\n");
  const kept: string[] = [];
  let length = 0;
  const reserve = 200;
  for (const l of lines) {
    if (length + l.length + 1 > maxLength - reserve) break;
    kept.push(l);
    length += l.length + 1;
  }
  return `${kept.join("\n")}\n\n> Cut here to fit one comment: ${lines.length - kept.length} more line(s) left out. The full output is in the workflow's job summary.\n`;
}
