import { Testing } from "cdktf";
import { parseStack } from "../../lib/review";
import type { StackModel } from "../../lib/review/stack-model";
import { SCENARIOS } from "../../scenarios";

/** Every article scenario, synthesized and read back as the report reads cdk.tf.json. */
export function scenarioStacks(): StackModel[] {
  return Object.entries(SCENARIOS).map(([name, Scenario]) => {
    const stack = new Scenario(Testing.app());
    return parseStack(name, JSON.parse(Testing.synth(stack)));
  });
}
