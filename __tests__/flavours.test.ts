import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import "../lib";
import { FLAVOURS } from "../scripts/flavours";
import { CDK_FLAVOUR, FLAVOUR_NAMES, ROOT, sharedPackageOrigins } from "./flavour";

// The flavour set-up; each flavour's app synthesized and compared with the other's is e2e/flavours.test.ts.

describe("flavour configuration", () => {
  test("tsconfig paths send every shared package to the flavour's install, as flavours/flavours.json says", () => {
    for (const name of FLAVOUR_NAMES) {
      // GIVEN the flavour's tsconfig, read as tsc reads it (comments allowed, extends followed)
      const f = FLAVOURS[name];
      const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, f.tsconfig), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
      const paths = config.options.paths ?? {};
      // THEN #flavour is the flavour's module, and a flavour with its own install maps each package there
      expect(paths["#flavour"]).toEqual([`./lib/flavour/${name}.ts`]);
      if (f.modules === "node_modules") continue;
      for (const pkg of ["cdktf", "@cdktf/provider-azurerm", "constructs"]) {
        const target = `./${f.modules}/${f.rename[pkg] ?? pkg}`;
        expect({ pkg, paths: paths[pkg], deep: paths[`${pkg}/*`] }).toEqual({ pkg, paths: [target], deep: [`${target}/*`] });
      }
    }
  });

  test("each flavour's package peers its own CDK, and the cdktn one nothing of cdktf", () => {
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; peerDependencies: Record<string, string> };
    expect(root.name).toBe("cdktf-aks-identity");
    expect(Object.keys(root.peerDependencies).sort()).toEqual(["@cdktf/provider-azurerm", "cdktf", "constructs"]);
    const cdktn = FLAVOURS.cdktn.package;
    expect(cdktn.name).toBe("cdktn-aks-identity");
    expect(cdktn.peerDependencies).toEqual({ "@cdktn/provider-azurerm": "16.1.0", cdktn: "0.24.0", constructs: ">=10.6.0 <10.8.0" });
  });

  test(`this suite's worker loaded cdktf, the azurerm bindings and constructs from the ${CDK_FLAVOUR} install only`, () => {
    // GIVEN the library loaded in this worker (as every test file loads it)
    // THEN every copy of a shared package came from this flavour's install (tsx maps the imports
    // through the flavour's tsconfig paths: jest's moduleNameMapper does not apply here)
    const modules = FLAVOURS[CDK_FLAVOUR].modules;
    const home = modules === "node_modules" ? "." : path.dirname(modules);
    const origins = sharedPackageOrigins(Object.keys(require.cache));
    expect(origins.length).toBeGreaterThanOrEqual(3);
    expect(origins.filter((o) => !o.endsWith(` ${home}`))).toEqual([]);
  });
});
