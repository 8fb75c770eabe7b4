import * as fs from "fs";
import * as path from "path";
import { findRule, GUARDRAIL_RULES, guardrailsTable } from "../../lib";

const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

function between(text: string, marker: string): string {
  const start = text.indexOf(`<!-- ${marker} -->`);
  const end = text.indexOf(`<!-- /${marker} -->`);
  if (start < 0 || end < start) throw new Error(`README has no ${marker} markers`);
  return text.slice(start + `<!-- ${marker} -->`.length, end).trim();
}

describe("the guardrail registry", () => {
  test("the README's rule table is the one generated from the code", () => {
    // THEN: on drift, run `npm run docs`
    expect(between(README, "guardrails:rules")).toBe(guardrailsTable());
  });

  test("ids are unique, in order, and each rule lives in its own file", () => {
    const ids = GUARDRAIL_RULES.map((r) => r.id);
    const range = (from: number, to: number) => [...Array(to - from + 1).keys()].map((i) => `AKSID${String(from + i).padStart(3, "0")}`);
    // Ranges are handed out per area: 000-018 identities and their grants, 020-029 the production
    // network, 030-039 the security features (KMS, disk encryption, Entra ID, ...).
    expect(ids).toEqual([...range(0, 18), ...range(20, 20), ...range(30, 38)]);
    const files = fs.readdirSync(path.resolve(__dirname, "../../lib/checks"));
    for (const id of ids) expect(files.filter((f) => f.startsWith(`${id.toLowerCase()}-`))).toHaveLength(1);
    expect(findRule("AKSID008")?.level).toBe("error");
    expect(findRule("AKSID999")).toBeUndefined();
  });

  test("each rule has a level, a one-sentence message, a why and a fix", () => {
    for (const r of GUARDRAIL_RULES) {
      expect(["error", "warning"]).toContain(r.level);
      expect(r.message).toMatch(/^[A-Za-z].*\.$/);
      expect(r.message).not.toMatch(/\. [A-Z]/); // one sentence
      expect(r.why.length).toBeGreaterThan(20);
      expect(r.fix.length).toBeGreaterThan(20);
    }
    expect(GUARDRAIL_RULES.filter((r) => r.level === "warning").map((r) => r.id)).toEqual(["AKSID004", "AKSID005", "AKSID010", "AKSID013", "AKSID017", "AKSID038"]);
  });
});
