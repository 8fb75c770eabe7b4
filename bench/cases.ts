import * as os from "os";
import * as path from "path";

/** One measured command: how it is started, and what the table calls it. */
export interface Case {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
}

export interface Paths {
  /** The repository root (where package.json is). */
  readonly root: string;
  /** Where bench/compile.ts wrote the precompiled JS. */
  readonly compiled: string;
}

/** The example app, its baseline and floors, and the library import, on both paths. */
export type SynthCaseKey =
  | "oursTsx" | "oursNode" | "baselineTsx" | "baselineNode"
  | "floorNode" | "floorTsx" | "bareNode" | "bareTsx" | "importNode" | "importTsx";

const node = process.execPath;

/**
 * `npm run synth` is `node --import tsx main.ts`: tsx's loader in the one node process (its
 * CLI would start a second). Run under the same node directly, so npm's own start-up
 * (about 0.3 s) is not counted.
 */
function tsx(_p: Paths, ...args: string[]): string[] {
  return ["--import", "tsx", ...args];
}

export function synthCases(p: Paths): Record<SynthCaseKey, Case> {
  const app = (name: string) => path.join(p.compiled, "bench", "apps", `${name}.js`);
  const appTs = (name: string) => path.join("bench", "apps", `${name}.ts`);
  return {
    oursTsx: { label: "ours: node --import tsx main.ts (npm run synth)", command: node, args: tsx(p, "main.ts") },
    oursNode: { label: "ours: node main.js (precompiled)", command: node, args: [path.join(p.compiled, "main.js")] },
    baselineTsx: { label: "baseline: tsx, provider root imported, then main.ts", command: node, args: tsx(p, appTs("baseline-main")) },
    baselineNode: { label: "baseline: node, provider root required, then main.js", command: node, args: [app("baseline-main")] },
    floorNode: { label: "floor: node, load cdktf + constructs", command: node, args: [app("floor")] },
    floorTsx: { label: "floor: tsx, load cdktf + constructs", command: node, args: tsx(p, appTs("floor")) },
    bareNode: { label: "bare node (empty file)", command: node, args: [app("empty")] },
    bareTsx: { label: "bare tsx (empty file)", command: node, args: tsx(p, appTs("empty")) },
    importNode: { label: "import lib/index (node, precompiled)", command: node, args: [app("import-lib")] },
    importTsx: { label: "import lib/index.ts (tsx)", command: node, args: tsx(p, appTs("import-lib")) },
  };
}

export function scaleCase(p: Paths, clusters: number, viaTsx: boolean): Case {
  return viaTsx
    ? { label: `${clusters} clusters (tsx)`, command: node, args: tsx(p, path.join("bench", "apps", "scale.ts"), String(clusters)) }
    : { label: `${clusters} clusters (node, precompiled)`, command: node, args: [path.join(p.compiled, "bench", "apps", "scale.js"), String(clusters)] };
}

/** Caches `npm test` keeps between runs: jest's (test durations), tsc's and eslint's (node_modules/.cache) and tsx's transforms. */
export function testCaches(root: string): string[] {
  return [...["jest", "tsc", "eslint"].map((tool) => path.join(root, "node_modules", ".cache", tool)), path.join(os.tmpdir(), `tsx-${os.userInfo().uid}`)];
}

/**
 * The test suite as a developer runs it: `npm test` cold (as after a fresh clone: the caches
 * removed first), then warm (run again, as while working), and the end-to-end suite.
 */
export function testCases(): { npmTestCold: Case; npmTestWarm: Case; e2e: Case } {
  return {
    npmTestCold: { label: "npm test, cold", command: "npm", args: ["test"] },
    npmTestWarm: { label: "npm test, warm", command: "npm", args: ["test"] },
    e2e: { label: "npm run test:e2e", command: "npm", args: ["run", "test:e2e"] },
  };
}
