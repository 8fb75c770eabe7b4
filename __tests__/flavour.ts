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
