import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

// lib/'s import graph, type-only imports included: no cycle, and no file imports a layer above
// its own (README, "Architecture, and how to extend it", lists the layers bottom-up).
const LIB = path.join(__dirname, "..", "lib");
const LAYERS: readonly (readonly string[])[] = [
  ["errors.ts", "roles.ts", "grant-scope.ts", "terraform-json/", "flavour/"],
  ["catalog/"],
  ["private/"],
  ["checks/"],
  ["grants/"],
  ["identities/"],
  ["addons/"],
  ["cluster/"],
  ["workload-identity.ts", "migration.ts", "pod-identity-exception.ts", "kubernetes-provider.ts", "synth.ts"],
  ["review/", "docs/"],
  ["index.ts"],
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/** Each lib file's relative imports and re-exports (`import type` too), as lib-relative paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(LIB)) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    const targets = importedFiles.map((i) => i.fileName).filter((s) => s.startsWith(".")).map((s) => {
      const base = path.resolve(path.dirname(file), s);
      const found = [`${base}.ts`, path.join(base, "index.ts")].find((c) => fs.existsSync(c));
      if (!found) throw new Error(`${path.relative(LIB, file)} imports ${s}, which is no file`);
      return path.relative(LIB, found);
    });
    graph.set(path.relative(LIB, file), [...new Set(targets)]);
  }
  return graph;
}

function layerOf(file: string): number {
  const i = LAYERS.findIndex((layer) => layer.some((entry) => (entry.endsWith("/") ? file.startsWith(entry) : file === entry)));
  if (i < 0) throw new Error(`lib/${file} is in no layer: add it to LAYERS in this test and to the README's list`);
  return i;
}

/** The strongly connected components with more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("lib/ import graph", () => {
  const graph = importGraph();

  test("has no cycle, type-only imports included", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph).map((c) => c.join(" <-> "))).toEqual([]);
  });

  test("no file imports a layer above its own", () => {
    const upward = [...graph].flatMap(([file, targets]) => targets.filter((t) => layerOf(t) > layerOf(file)).map((t) => `${file} -> ${t}`));
    expect(upward).toEqual([]);
  });

  test("the checks can fail: a cycle and an upward import are found", () => {
    expect(cycles(new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]], ["d.ts", ["a.ts"]]]))).toEqual([["a.ts", "b.ts", "c.ts"]]);
    expect(layerOf("cluster/aks-cluster.ts")).toBeGreaterThan(layerOf("grants/role-grant.ts"));
    expect(() => layerOf("somewhere-new.ts")).toThrow("add it to LAYERS");
  });
});
