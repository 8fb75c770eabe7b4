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

/** Parses JSON text, turning the parser's error into a message that says where and why. */
export function parseJsonText(text: string, source: string, expected: string): unknown {
  if (text.trim() === "") {
    throw new ReviewInputError(`${source} is empty: expected ${expected}.`);
  }
  if (text.startsWith("PK")) {
    throw new ReviewInputError(`${source} is a zip archive, probably a binary plan file from \`terraform plan -out\`: expected ${expected}. Convert it with \`terraform show -json <planfile> > plan.json\`.`);
  }
  const start = text.trimStart()[0];
  if (start !== "{" && start !== "[") {
    const firstLine = text.trimStart().split("\n")[0].slice(0, 60);
    throw new ReviewInputError(`${source} is not JSON: it starts with ${JSON.stringify(firstLine)} instead of "{". Expected ${expected}${/terraform|plan|resource/i.test(firstLine) ? " (this looks like human-readable Terraform output; use `terraform show -json`)" : ""}.`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(reason);
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
