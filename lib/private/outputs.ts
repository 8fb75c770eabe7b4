import { TerraformOutput } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { AksIdentityError } from "../errors";
import { StackRegistry } from "./stack-registry";

/**
 * Outputs named `<prefix>_<name>` after their owner's construct id, as `az aks show` users
 * expect (`myManagedCluster_kubelet_identity`), rather than cdktf's path-derived names.
 * Each kind of owner claims its prefix once per stack.
 */
export class OutputNames {
  private readonly prefixes = new StackRegistry<IConstruct>();

  /** @param what the owner's kind, for the clash error: "AksCluster", "WorkloadIdentity" */
  constructor(private readonly what: string) {}

  /** Claims the prefix of the owner's id (characters outside letters, digits and _ become _); an error if another owner has it. */
  public claim(owner: Construct, id: string): string {
    const prefix = outputPrefix(id);
    const taken = this.prefixes.of(owner);
    const clash = taken.get(prefix);
    if (clash && clash !== owner) {
      throw new AksIdentityError({
        path: owner.node.path,
        prop: "id",
        received: id,
        problem: `Another ${this.what} (${clash.node.path}) has an id that gives the same output names (${prefix}_*: characters other than letters, digits and _ become _).`,
        fix: `give each ${this.what} a distinct construct id.`,
      });
    }
    taken.set(prefix, owner);
    return prefix;
  }
}

/** The output-name prefix of a construct id. */
export function outputPrefix(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, "_");
}

/** An output under `owner` whose Terraform name is `<prefix>_<name>`. */
export function namedOutput(owner: Construct, id: string, name: string, value: unknown, description: string, sensitive?: boolean): TerraformOutput {
  const o = new TerraformOutput(owner, id, { value, description, sensitive });
  o.overrideLogicalId(name);
  return o;
}
