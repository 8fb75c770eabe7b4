import { scanJson } from "../terraform-json/json-scan";

/**
 * Input the review commands cannot read (not JSON, wrong format, truncated). The CLI prints
 * the message and exits 1, so the message says which file and what is wrong with it.
 */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewInputError";
  }
}

/** Deeper than any Terraform configuration or plan; deeper input is refused before anything walks it. */
export const MAX_JSON_DEPTH = 256;

export interface JsonTextOptions {
  /**
   * Refuse an object key given twice. JSON.parse keeps the last, Terraform reads all of them,
   * so a configuration read with JSON.parse alone could hide a resource. @default false
   */
  readonly refuseDuplicateKeys?: boolean;
}

/**
 * Parses JSON text, turning the parser's error into a message that says where and why. The
 * message never quotes the text: a file passed by mistake (a .tfvars, an .env) holds secrets.
 */
export function parseJsonText(text: string, source: string, expected: string, options: JsonTextOptions = {}): unknown {
  if (text.trim() === "") {
    throw new ReviewInputError(`${source} is empty: expected ${expected}.`);
  }
  if (text.startsWith("PK")) {
    throw new ReviewInputError(`${source} is a zip archive, probably a binary plan file from \`terraform plan -out\`: expected ${expected}. Convert it with \`terraform show -json <planfile> > plan.json\`.`);
  }
  const start = text.trimStart()[0];
  if (start !== "{" && start !== "[") {
    const firstLine = text.trimStart().split("\n")[0].slice(0, 200);
    const hint = /^(Terraform|Plan:|No changes|\s*#\s*\S+\s+will be)/.test(firstLine) ? " It looks like human-readable Terraform output; use `terraform show -json <planfile>`."
      : /^\s*[A-Za-z_][\w-]*\s*=/.test(firstLine) ? " It looks like a .tfvars or .env file (name = value), which may hold secrets: check which file was passed." : "";
    throw new ReviewInputError(`${source} is not JSON: it does not start with "{" (its content is not shown, in case it holds secrets). Expected ${expected}.${hint}`);
  }
  const scan = scanJson(text, options.refuseDuplicateKeys === true);
  if (scan.maxDepth > MAX_JSON_DEPTH) {
    throw new ReviewInputError(`${source} nests ${scan.maxDepth} levels deep; Terraform configurations and plans nest far less (this tool reads up to ${MAX_JSON_DEPTH}). Expected ${expected}.`);
  }
  if (scan.duplicate) {
    const d = scan.duplicate;
    throw new ReviewInputError(`${source} gives the key ${JSON.stringify(d.key)} twice in the same object (${d.path}, second at line ${d.line}). JSON.parse would keep only the last, but Terraform reads both, so this tool refuses rather than report less than Terraform plans. Write each key once (merge the two objects).`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(raw);
    // V8 quotes the text around the error (`Unexpected token 's', "...": s3cr3t..." is not valid JSON`): drop it.
    const reason = raw.replace(/^(Unexpected token) '.*?', .*$/s, "$1").replace(/,? ?(\.\.\.)?".*" is not valid JSON$/s, "");
    const pos = m ? Number(m[1]) : undefined;
    // An error at the very end means the text stops mid-value: the file was cut short.
    if (/end of JSON input/i.test(reason) || (pos !== undefined && pos >= text.trimEnd().length)) {
      throw new ReviewInputError(`${source} is truncated: the JSON stops in the middle of a value after ${text.length} bytes (${reason}). Expected ${expected}; write the file again and check that the command that made it finished.`);
    }
    const where = pos !== undefined ? ` at ${lineColumn(text, pos)}` : "";
    throw new ReviewInputError(`${source} is not valid JSON${where}: ${reason}. Expected ${expected}.`);
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}
