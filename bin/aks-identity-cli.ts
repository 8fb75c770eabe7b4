import * as fs from "fs";
import { parseArgs } from "util";
import { ReviewInputError } from "../lib/review/errors";
import { checkPlan } from "../lib/review/plan-check";
import { planCheckMarkdown } from "../lib/review/plan-check-markdown";
import { parsePlan } from "../lib/review/plan-json";
import { buildReport } from "../lib/review/report";
import { reportMarkdown } from "../lib/review/report-markdown";
import { configurationDiff } from "../lib/review/configuration-diff";
import { readRegularFile, readStacks } from "./read-inputs";

const REPORT_USAGE = `  aks-identity report [cdktf.out] [--format markdown|json] [--max-length N]
      Who can do what: identities, role assignments, AKS defaults and a Mermaid diagram per cluster.
      Reads every stack's cdk.tf.json (default ./cdktf.out), or one cdk.tf.json, or a Terraform
      folder (*.tf and *.tf.json, override files applied).
`;
const PLAN_CHECK_USAGE = `  aks-identity plan-check <plan.json | -> [--allow-replace <address>]... [--allow-delete <address>]... [--format markdown|json] [--max-length N]
      Flags destructive identity changes in \`terraform show -json\` output ("-" reads it from stdin).
`;
const DIFF_USAGE = `  aks-identity diff <base cdktf.out> <head cdktf.out> [--allow-replace <address>]... [--allow-delete <address>]... [--format markdown|json] [--max-length N]
      From two synthesized outputs alone (no plan, no Azure login): who gains or loses which role
      on which scope, which identities change, and which changes replace a cluster or a grant.
`;
const CODES = `
  Exit 0: nothing blocks; 2: a blocking finding (plan-check, diff); 1: unreadable input or bad usage.
  --max-length N shortens Markdown to N characters at most (a GitHub comment holds 65536).
`;

export const USAGE = `Usage:\n${REPORT_USAGE}${PLAN_CHECK_USAGE}${DIFF_USAGE}${CODES}`;

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Standard input's text, for `plan-check -`. @default fd 0 */
  readonly stdin?: () => string;
}

const STDIO: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Runs the command line; resolves to the exit code (0, 1, or 2 for a blocking finding). */
export async function main(argv: readonly string[], io: Io = STDIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "report": return await report(rest, io);
      case "plan-check": return planCheck(rest, io);
      case "diff": return await diff(rest, io);
      case "help": case "--help": case "-h":
        io.out(USAGE);
        return 0;
      default:
        io.err(`aks-identity: ${command === undefined ? "no command given" : `unknown command ${JSON.stringify(command)}`}.\n${USAGE}`);
        return 1;
    }
  } catch (err) {
    if (err instanceof ReviewInputError) {
      io.err(`aks-identity ${command}: ${err.message}\n`);
      return 1;
    }
    // parseArgs' own errors (unknown option, missing value) are usage errors.
    if (isParseArgsError(err)) {
      io.err(`aks-identity ${command}: ${err.message}\n${USAGE}`);
      return 1;
    }
    throw err;
  }
}

function isParseArgsError(err: unknown): err is Error {
  // Checked by code, not instanceof: the error may come from another realm (jest's vm).
  return typeof err === "object" && err !== null && String((err as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS");
}

function format(value: string | undefined): "markdown" | "json" {
  if (value === undefined || value === "markdown" || value === "md") return "markdown";
  if (value === "json") return "json";
  throw new ReviewInputError(`--format ${JSON.stringify(value)} is not known: use markdown or json.`);
}

function maxLength(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000) throw new ReviewInputError(`--max-length ${JSON.stringify(value)} is not a whole number of characters of at least 1000.`);
  return n;
}

const COMMON = { format: { type: "string" }, "max-length": { type: "string" }, help: { type: "boolean", short: "h" } } as const;
const ALLOW = { "allow-replace": { type: "string", multiple: true }, "allow-delete": { type: "string", multiple: true } } as const;

async function report(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: COMMON });
  if (values.help) return usage(io, REPORT_USAGE);
  if (positionals.length > 1) throw new ReviewInputError(`report takes one folder or file, got ${positionals.length}: ${positionals.join(" ")}.`);
  const fmt = format(values.format);
  const max = maxLength(values["max-length"]);
  const result = buildReport(await readStacks(positionals[0] ?? "cdktf.out"));
  io.out(fmt === "json" ? `${JSON.stringify(result, null, 2)}\n` : reportMarkdown(result, { maxLength: max }));
  return 0;
}

function planCheck(args: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { ...COMMON, ...ALLOW } });
  if (values.help) return usage(io, PLAN_CHECK_USAGE);
  if (positionals.length !== 1) throw new ReviewInputError(`plan-check takes one plan file (\`terraform show -json <planfile> > plan.json\`, or - for stdin), got ${positionals.length}.`);
  const fmt = format(values.format);
  const max = maxLength(values["max-length"]);
  const file = positionals[0];
  const text = file === "-" ? readStdin(io) : readRegularFile(file);
  const result = checkPlan(parsePlan(text, file === "-" ? "standard input" : file), { allowReplace: values["allow-replace"], allowDelete: values["allow-delete"] });
  io.out(fmt === "json" ? `${JSON.stringify(result, null, 2)}\n` : planCheckMarkdown(result, { maxLength: max }));
  return result.exitCode;
}

async function diff(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { ...COMMON, ...ALLOW } });
  if (values.help) return usage(io, DIFF_USAGE);
  if (positionals.length !== 2) throw new ReviewInputError(`diff takes two synthesized outputs, base then head (\`aks-identity diff base/cdktf.out head/cdktf.out\`), got ${positionals.length}.`);
  const fmt = format(values.format);
  const max = maxLength(values["max-length"]);
  const [base, head] = positionals;
  const result = configurationDiff(await readStacks(base), await readStacks(head), { allowReplace: values["allow-replace"], allowDelete: values["allow-delete"] });
  io.out(fmt === "json" ? `${JSON.stringify(result, null, 2)}\n` : result.markdown({ maxLength: max }));
  return result.check.exitCode;
}

function usage(io: Io, text: string): number {
  io.out(`Usage:\n${text}${CODES}`);
  return 0;
}

function readStdin(io: Io): string {
  try {
    return io.stdin ? io.stdin() : fs.readFileSync(0, "utf8");
  } catch (err) {
    throw new ReviewInputError(`cannot read standard input: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
}
