import * as fs from "fs";
import * as path from "path";

/**
 * examples/quickstart stays installable: `npm ci` there reads its lock file, so the lock must
 * name the tarball `npm pack` writes, the library's own dependencies, and the pins this
 * repository builds and tests with. (scripts/quickstart-check.ts runs the install itself in CI.)
 */
const ROOT = path.resolve(__dirname, "..");
const QUICKSTART = path.join(ROOT, "examples", "quickstart");
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const library = read(path.join(ROOT, "package.json"));
const app = read(path.join(QUICKSTART, "package.json"));
const lock = read(path.join(QUICKSTART, "package-lock.json"));

describe("examples/quickstart", () => {
  test("installs the tarball npm pack writes for this version", () => {
    expect(app.dependencies[library.name]).toBe(`file:${library.name}-${library.version}.tgz`);
  });

  test("pins the library's peers, cdktf-cli and TypeScript at the versions this repository tests", () => {
    for (const peer of Object.keys(library.peerDependencies)) expect([peer, app.dependencies[peer]]).toEqual([peer, library.devDependencies[peer]]);
    for (const tool of ["cdktf-cli", "typescript", "@types/node"]) expect([tool, app.devDependencies[tool]]).toEqual([tool, library.devDependencies[tool]]);
  });

  test("its lock file matches package.json, and the library's entry has no integrity (each npm pack makes a new one)", () => {
    expect(lock.packages[""].dependencies).toEqual(app.dependencies);
    expect(lock.packages[""].devDependencies).toEqual(app.devDependencies);
    const entry = lock.packages[`node_modules/${library.name}`];
    expect(entry).toMatchObject({ version: library.version, resolved: app.dependencies[library.name], dependencies: library.dependencies, peerDependencies: library.peerDependencies });
    expect(entry.integrity).toBeUndefined();
    // Every dependency of the library is locked too.
    for (const dep of Object.keys(library.dependencies)) expect(lock.packages[`node_modules/${dep}`]?.version).toBe(library.dependencies[dep]);
  });

  test("cdktf synth compiles and runs main.ts", () => {
    expect(read(path.join(QUICKSTART, "cdktf.json"))).toMatchObject({ language: "typescript", app: "npx tsc && node out/main.js" });
    expect(read(path.join(QUICKSTART, "tsconfig.json")).compilerOptions).toMatchObject({ outDir: "out", rootDir: "." });
  });
});
