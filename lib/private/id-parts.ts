import { Construct } from "constructs";
import { Fn } from "cdktf";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { isLiteral } from "./validate";
import { parseResourceId } from "./resource-id";

/**
 * The leading `count` segments of a resource ID, joined again: 5 gives the resource group
 * (`/subscriptions/s/resourceGroups/rg`), 9 the VNet of a subnet. Literal IDs are cut
 * here; references with Terraform functions, so the value is right at plan time.
 */
export function idPrefix(id: string, count: number): string {
  if (isLiteral(id)) return id.split("/").slice(0, count).join("/");
  return Fn.join("/", Fn.slice(Fn.split("/", id), 0, count));
}

/** The resource group holding a resource. */
export function resourceGroupIdOf(id: string): string {
  return idPrefix(id, 5);
}

/** The VNet of a subnet. */
export function virtualNetworkIdOfSubnet(subnetId: string): string {
  return idPrefix(subnetId, 9);
}

/** A resource's name: from a literal ID, or the construct's `name` attribute. */
export function resourceName(scope: GrantScope): string | undefined {
  const id = scopeId(scope);
  if (isLiteral(id)) return parseResourceId(id)?.name;
  const name = typeof scope === "object" ? (scope as { name?: unknown }).name : undefined;
  return typeof name === "string" ? name : undefined;
}

/**
 * A static construct-id key for a grant on one of several scopes: the given key, the
 * construct's id, or the name (else the resource group) in a literal ID. A reference alone
 * has none: its Terraform address must not depend on call order.
 */
export function staticKey(path: string, prop: string, scope: GrantScope, key?: string,
  fix = "pass the resource construct itself, its literal ID, or { ..., key: \"a-stable-name\" }."): string {
  if (key !== undefined) {
    // The key becomes part of a construct id, and so of a Terraform address.
    if (typeof key !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/.test(key)) {
      throw new AksIdentityError({
        path,
        prop: `${prop.replace(/\.(vault|zone)$/, "")}.key`,
        received: key,
        problem: "Allowed: 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit (it becomes part of the grant's Terraform address).",
        fix: "use a short stable name like \"shared-vault\".",
      });
    }
    return key;
  }
  if (typeof scope === "object" && scope instanceof Construct) return scope.node.id;
  const id = scopeId(scope);
  if (isLiteral(id)) {
    const parsed = parseResourceId(id);
    const name = parsed?.name ?? parsed?.resourceGroup;
    if (name) return name;
  }
  throw new AksIdentityError({
    path,
    prop,
    received: id,
    problem: "A grant on a scope known only at apply time needs a static key, so its Terraform address does not depend on the order of calls or entries.",
    fix,
  });
}
