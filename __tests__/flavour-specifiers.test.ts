import * as path from "path";
import * as ts from "typescript";
import { flavourSpecifier, flavourSpecifierTransformer, foreignSpecifiers, moduleSpecifiers, rewriteSourceSpecifiers, ROOT } from "../scripts/flavours";

// What the build does to compiled code so each flavour's package names only its own modules.
const WORKLOAD = path.join(ROOT, "lib", "workload-identity.ts");
const NESTED = path.join(ROOT, "lib", "addons", "monitoring.ts");

describe("flavourSpecifier", () => {
  test("#flavour becomes the relative path of the flavour's module, from wherever the file is", () => {
    expect(flavourSpecifier("cdktf", "#flavour", WORKLOAD)).toBe("./flavour/cdktf");
    expect(flavourSpecifier("cdktn", "#flavour", NESTED)).toBe("../flavour/cdktn");
  });

  test("the cdktn flavour renames cdktf and its azurerm bindings, deep paths included, and nothing else", () => {
    expect(flavourSpecifier("cdktn", "cdktf", WORKLOAD)).toBe("cdktn");
    expect(flavourSpecifier("cdktn", "cdktf/lib/tokens", WORKLOAD)).toBe("cdktn/lib/tokens");
    expect(flavourSpecifier("cdktn", "@cdktf/provider-azurerm/lib/role-assignment", WORKLOAD)).toBe("@cdktn/provider-azurerm/lib/role-assignment");
    expect(["constructs", "cdktf-cli", "./private/x", "yaml"].map((s) => flavourSpecifier("cdktn", s, WORKLOAD))).toEqual(["constructs", "cdktf-cli", "./private/x", "yaml"]);
    expect(flavourSpecifier("cdktf", "cdktf", WORKLOAD)).toBe("cdktf");
  });
});

describe("flavourSpecifierTransformer", () => {
  const source = [
    "import { App } from \"cdktf\";",
    "import type { RoleAssignmentConfig } from \"@cdktf/provider-azurerm/lib/role-assignment\";",
    "import { federatedCredentialParent } from \"#flavour\";",
    "export { Construct } from \"constructs\";",
    "export const app: App = new App();",
    "export const parent = federatedCredentialParent;",
    "export type Config = RoleAssignmentConfig | import(\"cdktf\").TerraformStack;",
    "export const lazy = () => import(\"cdktf/lib/app\");",
  ].join("\n");

  function emit(flavour: "cdktf" | "cdktn"): { js: string; dts: string } {
    // GIVEN a small program compiled as the build compiles lib/ (declarations without type checking)
    const host = ts.createCompilerHost({});
    const out: Record<string, string> = {};
    const original = host.getSourceFile;
    host.getSourceFile = (name, lang) => (name === WORKLOAD ? ts.createSourceFile(name, source, lang) : original(name, lang));
    host.writeFile = (name, text) => { out[name.endsWith(".d.ts") ? "dts" : "js"] = text; };
    const program = ts.createProgram([WORKLOAD], { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, declaration: true, noResolve: true, noLib: true, types: [], outDir: "/out", rootDir: ROOT }, host);
    program.emit(undefined, undefined, undefined, false, { after: [flavourSpecifierTransformer<ts.SourceFile>(flavour)], afterDeclarations: [flavourSpecifierTransformer<ts.SourceFile | ts.Bundle>(flavour)] });
    return out as { js: string; dts: string };
  }

  test("the cdktn build requires cdktn and its bindings in JS and .d.ts, and the flavour module by path", () => {
    // WHEN
    const { js, dts } = emit("cdktn");
    // THEN
    expect(moduleSpecifiers(js).sort()).toEqual(["./flavour/cdktn", "cdktn", "cdktn/lib/app", "constructs"]);
    expect(moduleSpecifiers(dts, "x.d.ts").sort()).toEqual(["@cdktn/provider-azurerm/lib/role-assignment", "cdktn", "cdktn", "constructs"]);
    expect(foreignSpecifiers("cdktn", [...moduleSpecifiers(js), ...moduleSpecifiers(dts, "x.d.ts")])).toEqual([]);
  });

  test("the cdktf build keeps cdktf and resolves only #flavour", () => {
    const { js } = emit("cdktf");
    expect(moduleSpecifiers(js).sort()).toEqual(["./flavour/cdktf", "cdktf", "cdktf/lib/app", "constructs"]);
  });
});

describe("foreignSpecifiers", () => {
  test("finds what a flavour's output must not name", () => {
    const specifiers = ["cdktf", "cdktn/lib/app", "@cdktf/provider-azurerm/lib/x", "@cdktn/provider-azurerm/lib/x", "#flavour", "constructs", "cdktf-cli"];
    expect(foreignSpecifiers("cdktn", specifiers)).toEqual(["cdktf", "@cdktf/provider-azurerm/lib/x", "#flavour"]);
    expect(foreignSpecifiers("cdktf", specifiers)).toEqual(["cdktn/lib/app", "@cdktn/provider-azurerm/lib/x", "#flavour"]);
  });
});

describe("rewriteSourceSpecifiers", () => {
  test("changes import and export specifiers only, keeping the rest of the text", () => {
    const text = "import { AksCluster } from \"../lib\"; // from \"../lib\"\nexport * from './x';\nconst s = \"../lib\";\n";
    expect(rewriteSourceSpecifiers(text, (s) => (s === "../lib" ? "cdktn-aks-identity" : s === "./x" ? "./y" : s)))
      .toBe("import { AksCluster } from \"cdktn-aks-identity\"; // from \"../lib\"\nexport * from \"./y\";\nconst s = \"../lib\";\n");
  });
});
