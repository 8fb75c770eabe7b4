import * as path from "path";
import { CDK_FLAVOUR } from "#flavour";
import { FlavourName, FLAVOURS, ROOT } from "../scripts/flavours";

/** Which flavour this run of the suite is (jest.config.js: cdktf, jest.config.cdktn.js: cdktn). */
export { CDK_FLAVOUR, ROOT };
export { FLAVOUR_NAMES, flavourEnv } from "../scripts/flavours";
export type { FlavourName };

/** A flavour's CLI: cdktf, or cdktn (run it with flavourEnv, which puts the Node it needs first). */
export function flavourCli(name: FlavourName = CDK_FLAVOUR): string {
  return path.join(ROOT, FLAVOURS[name].cli);
}

/** The packages whose classes must all come from one flavour's install. */
const SHARED = ["cdktf", "cdktn", "constructs", "@cdktf/provider-azurerm", "@cdktn/provider-azurerm"];

/** Where each shared package was loaded from: `<package> <folder holding its node_modules>`. */
export function sharedPackageOrigins(files: string[]): string[] {
  const origins = new Set<string>();
  for (const file of files) {
    const m = /^(.*)[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
    if (m && SHARED.includes(m[2].replace(/\\/g, "/"))) origins.add(`${m[2]} ${path.relative(ROOT, m[1]) || "."}`);
  }
  return [...origins].sort();
}
