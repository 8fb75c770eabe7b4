import { Testing } from "cdktf";
import { parseStack } from "../../lib/review";
import type { JsonStackModel } from "../../lib/review/stack-model";
import { SCENARIOS } from "../../scenarios";

let stacks: readonly JsonStackModel[] | undefined;

/**
 * Every article scenario, synthesized and read back as the report reads cdk.tf.json. Once per
 * worker process (the files that use it share it; nothing writes to a model).
 */
export function scenarioStacks(): readonly JsonStackModel[] {
  stacks ??= Object.entries(SCENARIOS).map(([name, Scenario]) => {
    const stack = new Scenario(Testing.app());
    return parseStack(name, JSON.parse(Testing.synth(stack)));
  });
  return stacks;
}
