/** GitHub-flavoured Markdown helpers shared by the report and the plan check. */

/** A table cell: pipes escaped, line breaks flattened, empty shown as a dash. */
export function cell(text: string): string {
  const t = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").trim();
  return t === "" ? "-" : t;
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${text.includes("`") ? ` ${text} ` : text}${fence}`;
}

/** A GitHub table. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [
    `| ${headers.map(cell).join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
  return lines.join("\n");
}
