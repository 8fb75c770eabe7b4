/**
 * When Terraform creates a grant relative to the cluster whose identity it serves.
 * - `before-cluster`: the cluster's `depends_on` lists it (a creation-time grant to an identity that exists first);
 * - `after-cluster`: it references the cluster (an identity AKS makes, or a scope the cluster creates);
 * - `unordered`: no cluster orders it.
 */
export type GrantTiming = "before-cluster" | "after-cluster" | "unordered";

/** Orders a grant for the cluster that owns its principal; returns the timing it set. */
export type GrantOrderer = (grant: object) => GrantTiming;

// Keyed by object: this module sits below RoleGrant and the cluster, and names neither.
const TIMINGS = new WeakMap<object, GrantTiming>();
const ORDERERS = new WeakMap<object, GrantOrderer>();

/** The timing set where the grant was ordered, if any. */
export function timingOf(grant: object): GrantTiming | undefined {
  return TIMINGS.get(grant);
}

/** Records the timing a cluster gave the grant (the one place ordering is decided: the cluster's grants facet). */
export function setTiming(grant: object, timing: GrantTiming): void {
  TIMINGS.set(grant, timing);
}

/** Registers the cluster that orders grants to a principal it owns (its control plane, kubelet and add-on identities). */
export function registerOrderer(principal: object, orderer: GrantOrderer): void {
  ORDERERS.set(principal, orderer);
}

export function ordererOf(principal: object): GrantOrderer | undefined {
  return ORDERERS.get(principal);
}
