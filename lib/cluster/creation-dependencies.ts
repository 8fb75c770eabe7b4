import { dependable, ITerraformDependable, TerraformResource } from "cdktf";

/** Adds a dependency the resource can never lose. */
export type RequireDependency = (target: ITerraformDependable) => void;

const GUARDS = new WeakMap<TerraformResource, RequireDependency>();

/**
 * Makes the resource's creation-time dependencies (the grants it needs before it exists, the
 * route table or NAT gateway association) survive any assignment to `resource.dependsOn`:
 * `cluster.resource.dependsOn = [x]` keeps them and adds x. Without this, the escape hatch
 * would silently drop the grants, and AKS would fail the create after a long wait.
 * Returns the function that adds one (idempotent per resource).
 */
export function guardCreationDependencies(resource: TerraformResource): RequireDependency {
  const known = GUARDS.get(resource);
  if (known) return known;
  const required: string[] = [];
  let current: string[] | undefined = resource.dependsOn;
  const withRequired = (value: string[] | undefined): string[] | undefined => {
    const list = [...(value ?? [])];
    for (const r of required) if (!list.includes(r)) list.push(r);
    return list.length === 0 ? value : list;
  };
  Object.defineProperty(resource, "dependsOn", {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (value: string[] | undefined) => {
      current = withRequired(value);
    },
  });
  const targets = new Set<ITerraformDependable>();
  const require: RequireDependency = (target) => {
    if (targets.has(target)) return;
    targets.add(target);
    // dependable() renders a bare address; Terraform rejects "${...}" (what `fqn` gives) in depends_on.
    required.push(dependable(target));
    current = withRequired(current);
  };
  GUARDS.set(resource, require);
  return require;
}
