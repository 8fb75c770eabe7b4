import { Testing } from "cdktf";
import { parseStack } from "../../lib/review";
import type { JsonStackModel } from "../../lib/review/stack-model";
import { SCENARIOS } from "../../scenarios";

/** Every article scenario, synthesized and read back as the report reads cdk.tf.json. */
export function scenarioStacks(): JsonStackModel[] {
  return Object.entries(SCENARIOS).map(([name, Scenario]) => {
    const stack = new Scenario(Testing.app());
    return parseStack(name, JSON.parse(Testing.synth(stack)));
  });
}
