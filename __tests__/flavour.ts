import * as path from "path";
import { CDK_FLAVOUR } from "#flavour";
import { FlavourName, FLAVOURS, ROOT } from "../scripts/flavours";

/** Which flavour this run of the suite is (jest.config.js: cdktf, jest.config.cdktn.js: cdktn). */
export { CDK_FLAVOUR, ROOT };
export { FLAVOUR_NAMES, flavourEnv } from "../scripts/flavours";
export type { FlavourName };

/** Where a flavour's CDK is installed, its CLI and tsconfig, as absolute paths. */
export function flavourPaths(name: FlavourName = CDK_FLAVOUR): { modules: string; cli: string; tsconfig: string } {
  const f = FLAVOURS[name];
  return { modules: path.join(ROOT, f.modules), cli: path.join(ROOT, f.cli), tsconfig: path.join(ROOT, f.tsconfig) };
}
