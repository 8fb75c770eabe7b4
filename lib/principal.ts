/**
 * What kind of identity a principal is, so grants, checks and reports can tell the
 * control-plane identity from the kubelet identity (AcrPull belongs to the latter).
 */
export type PrincipalRole =
  | "control-plane"
  | "kubelet"
  | "addon"
  | "workload"
  | "user-assigned"
  | "service-principal"
  | "external";

/** Azure RBAC's principal types. Managed identities are `ServicePrincipal`. */
export type PrincipalType = "ServicePrincipal" | "User" | "Group";

/** Anything that can be granted an Azure role. */
export interface IPrincipal {
  /** The object (principal) ID the role assignment names; may be a token. */
  readonly principalId: string;
  readonly principalType: PrincipalType;
  /** True for managed identities: grants skip the Entra ID replication check. */
  readonly isManagedIdentity: boolean;
  /** Who this is, for grant descriptions and reports: "control-plane identity of myManagedCluster". */
  readonly description: string;
  readonly role: PrincipalRole;
  /**
   * True when the principal exists independently of any cluster (a user-assigned identity,
   * a service principal): grants to it are created before the cluster that uses it.
   * False when AKS creates it with the cluster (system-assigned, AKS-made kubelet, add-ons):
   * grants reference the cluster's attributes and so come after it.
   */
  readonly existsBeforeCluster: boolean;
}

/** Something that holds a principal, like a cluster's identity or a workload identity. */
export interface IGrantable {
  readonly grantPrincipal: IPrincipal;
}

export function isGrantable(x: unknown): x is IGrantable {
  return typeof x === "object" && x !== null && "grantPrincipal" in x;
}

export function toPrincipal(p: IPrincipal | IGrantable): IPrincipal {
  return isGrantable(p) ? p.grantPrincipal : p;
}

/** A principal given by its object ID, for identities this app does not manage. */
export function externalPrincipal(props: {
  principalId: string;
  principalType?: PrincipalType;
  isManagedIdentity?: boolean;
  description: string;
}): IPrincipal {
  return {
    principalId: props.principalId,
    principalType: props.principalType ?? "ServicePrincipal",
    isManagedIdentity: props.isManagedIdentity ?? true,
    description: props.description,
    role: "external",
    existsBeforeCluster: true,
  };
}
