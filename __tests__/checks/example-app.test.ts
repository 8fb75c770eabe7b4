import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesizeApp } from "../../lib";
import { buildExampleApp } from "../../scenarios";

const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

/** The README's intended warnings: "- `stack`: `key`: why". */
function intendedWarnings(): { stack: string; key: string }[] {
  const start = README.indexOf("<!-- guardrails:intended-warnings -->");
  const end = README.indexOf("<!-- /guardrails:intended-warnings -->");
  return README.slice(start, end).split("\n")
    .map((line) => /^- `([^`]+)`: `([^`]+)`/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ stack: m[1], key: m[2] }));
}

describe("the example app under the guardrails", () => {
  test("synthesizes with no errors, and its warnings are exactly the README's intended ones", () => {
    // WHEN: the real synthesizer, as `npm run synth` runs it
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "example-")), "cdktf.out");
    const result = synthesizeApp(buildExampleApp, { outdir, log: () => undefined });
    // THEN
    expect(result.annotations.filter((a) => a.level === "@cdktf/error")).toEqual([]);
    expect(result.exitCode).toBe(0);
    const warnings = result.annotations.filter((a) => a.level === "@cdktf/warn");
    const intended = intendedWarnings();
    expect(intended.length).toBeGreaterThan(0);
    expect(warnings.map((w) => intended.filter((i) => i.stack === w.stack && w.message.includes(i.key)).length)).toEqual(warnings.map(() => 1));
    expect(intended.map((i) => warnings.filter((w) => i.stack === w.stack && w.message.includes(i.key)).length)).toEqual(intended.map(() => 1));
  }, 60_000);
});
