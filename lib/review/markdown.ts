/**
 * The one escaping layer for GitHub-flavoured Markdown. Every string from a configuration or a
 * plan is hostile (a pull request's author wrote it), so every writer (report, plan-check,
 * diff) builds its text from these functions: `text` for words, `code` for addresses and
 * values, `table` for tables. Nothing a value holds can end a line, a table row, a code span
 * or a heading, open an HTML element, or become a link.
 *
 * Facts this relies on (CommonMark 0.31 and the GFM spec, which cmark-gfm implements):
 * - a line ends at LF, CR or CRLF; a lone CR ends a table row or a heading;
 * - any ASCII punctuation character can be backslash-escaped, which makes it literal;
 * - the table extension splits a row at every unescaped `|`, code spans included, then turns `\|` into `|`;
 * - inside a code span nothing is escaped: its fence must be longer than any backtick run in it;
 * - the autolink extension links `www.`, `scheme://` and `a@b.c` in text (an escaped `@` still links,
 *   an empty HTML comment after it does not).
 */

/** Markdown: already escaped, or written by this code. */
export class Md {
  constructor(public readonly markdown: string) {}
  public toString(): string {
    return this.markdown;
  }
}

/** Text that is Markdown written by this code (bold, a link to the docs), never input. */
export function raw(markdown: string): Md {
  return new Md(markdown);
}

/**
 * Every Unicode line terminator (CommonMark's LF, CR, CRLF, and what JavaScript, Mermaid or a
 * browser also treat as one: VT, FF, NEL, U+2028, U+2029).
 */
export const LINE_TERMINATORS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
/** C0/C1 controls and the bidirectional overrides that reorder what a reviewer sees. */
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/**
 * The characters that start Markdown, HTML, an entity, a table cell, strikethrough, a heading's
 * closing sequence, GitHub's math (`$`), or a URL autolink (the `:` of `https://`, `mailto:`); `_` only where it
 * could open or close emphasis (not inside a word: `azurerm_subnet` stays readable).
 */
const SIGNIFICANT = /[\\`*[\]<>!&|~#$]|:(?=\/\/)|(?<=mailto|xmpp):|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/gi;

/** The input on one line, without characters that hide or reorder text: the common first step of both layers. */
export function oneLine(value: string): string {
  return value.replace(LINE_TERMINATORS, " ").replace(INVISIBLE, "\uFFFD");
}

/** Hostile text as inline Markdown that renders as exactly that text, in a paragraph, heading or table cell. */
export function text(value: string | Md): Md {
  if (value instanceof Md) return value;
  const escaped = oneLine(value)
    .replace(SIGNIFICANT, (c) => `\\${c}`)
    // GFM links `www.x` and `a@b.c` in text: an escaped dot stops the first, an empty comment the second.
    .replace(/(www)\./gi, "$1\\.")
    .replace(/@/g, "@<!-- -->");
  return new Md(escaped);
}

/**
 * Inline code: a fence longer than any backtick run inside, padded when the text starts or
 * ends with a backtick or space. `inTable` escapes pipes for the table extension, which
 * removes the backslash again before the code span is read; elsewhere `\|` would show.
 */
export function code(value: string, inTable = false): Md {
  let body = oneLine(value);
  if (inTable) body = body.replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = body === "" || /^[` ]|[` ]$/.test(body) ? " " : "";
  return new Md(`${fence}${pad}${body}${pad}${fence}`);
}

/** A table cell: plain text, code, or several parts. */
export type Cell = string | Md | { readonly code: string } | readonly Cell[];

/** A cell's Markdown; a cell renders empty as a dash. */
export function cell(value: Cell): Md {
  const md = cellMarkdown(value).trim();
  return new Md(md === "" ? "-" : md);
}

function cellMarkdown(value: Cell): string {
  if (typeof value === "string") return text(value).markdown;
  if (value instanceof Md) return oneLine(value.markdown);
  if (Array.isArray(value)) return value.map(cellMarkdown).join("");
  return code((value as { code: string }).code, true).markdown;
}

/** A GitHub table. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [
    `| ${headers.map((h) => cell(h).markdown).join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map((c) => cell(c).markdown).join(" | ")} |`),
  ];
  return lines.join("\n");
}

/** Joins parts into inline Markdown to be placed inside a line: strings are escaped, Md is kept. */
export function fragment(...parts: (string | Md)[]): Md {
  return new Md(parts.map((p) => (p instanceof Md ? p.markdown : text(p).markdown)).join(""));
}

/**
 * Joins parts into one line of Markdown (a paragraph, or a list item's text): strings are
 * escaped, Md is kept, and what would open a block at the start of a line (a list marker
 * `-`, `+`, `1.`, `1)`, or indentation that makes code) is made literal.
 */
export function line(...parts: (string | Md)[]): string {
  return parts.map((p) => (p instanceof Md ? p.markdown : text(p).markdown)).join("")
    .replace(/^([-+])/, "\\$1")
    .replace(/^(\d{1,9})([.)])/, "$1\\$2")
    .replace(/^[ \t]+/, (ws) => ws.replace(/ /g, "&#32;").replace(/\t/g, "&#9;"));
}

/** A heading of the given level whose text is escaped. */
export function heading(level: number, ...parts: (string | Md)[]): string {
  return `${"#".repeat(level)} ${line(...parts)}`;
}
