import * as fs from "fs";
import * as path from "path";

export const PLANS = path.join(__dirname, "..", "fixtures", "plans");

/** A committed plan fixture's text. */
export function planText(name: string): string {
  return fs.readFileSync(path.join(PLANS, name), "utf8");
}

/** Values planted in fixtures that must never appear in any output. */
export const SECRETS = [
  "fixture-sp-secret-never-printed",
  "fixture-kubeconfig-token-never-printed",
  "fixture-password-never-printed",
  "first-secret-never-printed",
  "second-secret-never-printed",
];
