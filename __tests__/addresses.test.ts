import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { SCENARIOS } from "../scenarios";
import { SynthJson } from "./helpers";

/**
 * Construct IDs are Terraform addresses: renaming one makes Terraform destroy the resource and
 * create a new one (for a cluster: a new cluster). This test pins every scenario stack's
 * addresses in __tests__/addresses/<stack>.txt, one per line.
 *
 *   - an address that disappears fails, saying which resource Terraform would replace;
 *   - an address that appears fails too, saying to record it: a rename is a removal plus an
 *     addition, so recording new addresses is what lets a later rename be caught;
 *   - `npm run test:update-addresses` (UPDATE_ADDRESSES=1) rewrites the files: the deliberate
 *     act, reviewed in the diff. A new stack adds a file, so branches do not conflict.
 */
const DIR = path.join(__dirname, "addresses");
const UPDATE = process.env.UPDATE_ADDRESSES === "1";
const HOW_TO_UPDATE = "run `npm run test:update-addresses` and commit __tests__/addresses/";

/** Every address a plan would show for a stack: resources, data sources, outputs and input variables. */
export function addressesOf(json: SynthJson): string[] {
  const out: string[] = [];
  for (const [type, byId] of Object.entries(json.resource ?? {})) for (const id of Object.keys(byId)) out.push(`${type}.${id}`);
  for (const [type, byId] of Object.entries(json.data ?? {})) for (const id of Object.keys(byId)) out.push(`data.${type}.${id}`);
  for (const name of Object.keys(json.output ?? {})) out.push(`output.${name}`);
  for (const name of Object.keys((json.variable as Record<string, unknown> | undefined) ?? {})) out.push(`var.${name}`);
  return out.sort();
}

function recorded(stack: string): string[] | undefined {
  const file = path.join(DIR, `${stack}.txt`);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "") : undefined;
}

/** The failure text for a changed address set; empty when nothing changed. */
export function describeChanges(stack: string, before: string[], after: string[]): string[] {
  const removed = before.filter((a) => !after.includes(a));
  const added = after.filter((a) => !before.includes(a));
  const typeOf = (a: string) => a.slice(0, a.lastIndexOf("."));
  const lines = removed.map((a) => {
    const candidates = added.filter((b) => typeOf(b) === typeOf(a));
    const what = a.startsWith("output.") || a.startsWith("var.")
      ? "anything that reads it (terraform output, -var, remote state) breaks"
      : `Terraform would destroy that resource and create a new one${a.startsWith("azurerm_kubernetes_cluster.") ? " (a new cluster: its workloads and identities gone)" : ""}`;
    return `${stack}: address ${a} is gone: a construct ID on its path was renamed or removed, and ${what}.` +
      (candidates.length ? ` Probably renamed to ${candidates.join(" or ")}.` : "") +
      ` Keep the old construct ID (or overrideLogicalId, or a moved block); if the removal is intended, ${HOW_TO_UPDATE}.`;
  });
  for (const a of added) lines.push(`${stack}: new address ${a}: if it is a new resource, add it to the manifest: ${HOW_TO_UPDATE}.`);
  return lines;
}

describe("stable Terraform addresses of the scenario stacks", () => {
  const stacks = Object.entries(SCENARIOS).map(([name, Scenario]) => {
    const stack = new Scenario(Testing.app());
    return { name, addresses: addressesOf(JSON.parse(Testing.synth(stack)) as SynthJson) };
  });

  if (UPDATE) {
    test("records the current addresses (UPDATE_ADDRESSES=1)", () => {
      fs.rmSync(DIR, { recursive: true, force: true });
      fs.mkdirSync(DIR, { recursive: true });
      for (const s of stacks) {
        const before = recorded(s.name) ?? [];
        for (const line of describeChanges(s.name, before, s.addresses)) process.stdout.write(`${line}\n`);
        fs.writeFileSync(path.join(DIR, `${s.name}.txt`), `${s.addresses.join("\n")}\n`);
      }
      expect(fs.readdirSync(DIR).sort()).toEqual(stacks.map((s) => `${s.name}.txt`).sort());
    });
    return;
  }

  test.each(stacks.map((s) => [s.name, s.addresses] as const))("%s keeps its addresses", (name, addresses) => {
    // GIVEN the addresses recorded for the stack
    const before = recorded(name);
    if (!before) throw new Error(`${name}: a new stack with no recorded addresses: ${HOW_TO_UPDATE}.`);
    // WHEN it is synthesized now / THEN no address was removed or added
    expect(describeChanges(name, before, addresses)).toEqual([]);
    expect(addresses.length).toBeGreaterThan(0);
  });

  test("every recorded stack still exists", () => {
    const gone = fs.readdirSync(DIR).map((f) => f.replace(/\.txt$/, "")).filter((n) => !(n in SCENARIOS));
    expect(gone.map((n) => `${n}: the stack is gone; Terraform would destroy everything in it. If intended, ${HOW_TO_UPDATE}.`)).toEqual([]);
  });

  test("a renamed construct ID is reported as a destroy-and-recreate", () => {
    // GIVEN a recorded cluster address and the same cluster under a new construct ID
    const lines = describeChanges("demo", ["azurerm_kubernetes_cluster.myManagedCluster_3120B930"], ["azurerm_kubernetes_cluster.myCluster_ABCDEF12"]);
    // THEN the message says what was renamed, the consequence and the fix
    expect(lines[0]).toContain("address azurerm_kubernetes_cluster.myManagedCluster_3120B930 is gone: a construct ID on its path was renamed");
    expect(lines[0]).toContain("Terraform would destroy that resource and create a new one (a new cluster");
    expect(lines[0]).toContain("Probably renamed to azurerm_kubernetes_cluster.myCluster_ABCDEF12");
    expect(lines[1]).toContain("new address azurerm_kubernetes_cluster.myCluster_ABCDEF12: if it is a new resource, add it to the manifest");
  });
});
