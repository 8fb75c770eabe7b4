import * as path from "path";
import { CDK_FLAVOUR } from "#flavour";
import FLAVOURS from "../flavours/flavours.json";

/** Which flavour this run of the suite is (jest.config.js: cdktf, jest.config.cdktn.js: cdktn). */
export { CDK_FLAVOUR };
export type FlavourName = keyof typeof FLAVOURS;
export const FLAVOUR_NAMES = Object.keys(FLAVOURS) as FlavourName[];
export const ROOT = path.resolve(__dirname, "..");

/** Where a flavour's CDK is installed, and the Node its CLI needs (cdktn-cli: >= 22.19). */
export function flavourPaths(name: FlavourName = CDK_FLAVOUR): { modules: string; cli: string; tsconfig: string; nodeDir?: string } {
  const f = FLAVOURS[name];
  return {
    modules: path.join(ROOT, f.modules),
    cli: path.join(ROOT, f.cli),
    tsconfig: path.join(ROOT, f.tsconfig),
    nodeDir: f.node ? path.dirname(path.join(ROOT, f.node)) : undefined,
  };
}

/**
 * The environment to run a flavour's CLI or app in: that flavour's tsconfig for tsx, and its
 * Node first on PATH, so the CLI and the app it starts both run on it.
 */
export function flavourEnv(base: NodeJS.ProcessEnv = process.env, name: FlavourName = CDK_FLAVOUR): NodeJS.ProcessEnv {
  const p = flavourPaths(name);
  const env: NodeJS.ProcessEnv = { ...base, CHECKPOINT_DISABLE: "1", TSX_TSCONFIG_PATH: p.tsconfig };
  if (p.nodeDir) env.PATH = `${p.nodeDir}${path.delimiter}${env.PATH ?? ""}`;
  return env;
}
