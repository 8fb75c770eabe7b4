import * as fs from "fs";
import { parseArgs } from "util";
import { ReviewInputError } from "../lib/review/errors";
import { checkPlan } from "../lib/review/plan-check";
import { planCheckMarkdown } from "../lib/review/plan-check-markdown";
import { parsePlan } from "../lib/review/plan-json";
import { buildReport } from "../lib/review/report";
import { reportMarkdown } from "../lib/review/report-markdown";
import { readStacks } from "./read-inputs";

export const USAGE = `Usage:
  aks-identity report [cdktf.out] [--format markdown|json]
      Who can do what: identities, role assignments, AKS defaults and a Mermaid diagram per cluster.
      Reads every stack's cdk.tf.json (default ./cdktf.out), or one cdk.tf.json, or a folder of *.tf.json.
  aks-identity plan-check <plan.json> [--allow-replace <address>]... [--allow-delete <address>]... [--format markdown|json]
      Flags destructive identity changes in \`terraform show -json\` output.
      Exit 0: nothing blocks; 2: a blocking finding; 1: unreadable input or bad usage.
`;

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const STDIO: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Runs the command line; returns the exit code (0, 1, or 2 for a blocking plan finding). */
export function main(argv: readonly string[], io: Io = STDIO): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "report": return report(rest, io);
      case "plan-check": return planCheck(rest, io);
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

function report(args: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { format: { type: "string" } } });
  if (positionals.length > 1) throw new ReviewInputError(`report takes one folder or file, got ${positionals.length}: ${positionals.join(" ")}.`);
  const fmt = format(values.format);
  const result = buildReport(readStacks(positionals[0] ?? "cdktf.out"));
  io.out(fmt === "json" ? `${JSON.stringify(result, null, 2)}\n` : reportMarkdown(result));
  return 0;
}

function planCheck(args: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      "allow-replace": { type: "string", multiple: true },
      "allow-delete": { type: "string", multiple: true },
      format: { type: "string" },
    },
  });
  if (positionals.length !== 1) throw new ReviewInputError(`plan-check takes one plan file (\`terraform show -json <planfile> > plan.json\`), got ${positionals.length}.`);
  const fmt = format(values.format);
  const file = positionals[0];
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new ReviewInputError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const result = checkPlan(parsePlan(text, file), { allowReplace: values["allow-replace"], allowDelete: values["allow-delete"] });
  io.out(fmt === "json" ? `${JSON.stringify(result, null, 2)}\n` : planCheckMarkdown(result));
  return result.exitCode;
}
