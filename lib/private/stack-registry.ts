import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";

/**
 * A lookup table per stack, for "is this name already taken in the stack?" checks: walking
 * the construct tree for each new construct made synth quadratic in the stack's size.
 */
export class StackRegistry<V> {
  private readonly stacks = new WeakMap<TerraformStack, Map<string, V>>();

  /** The table of the stack that holds `scope`. */
  public of(scope: IConstruct): Map<string, V> {
    const stack = TerraformStack.of(scope);
    let table = this.stacks.get(stack);
    if (!table) {
      table = new Map();
      this.stacks.set(stack, table);
    }
    return table;
  }
}
