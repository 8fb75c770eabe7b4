import { IdentityKind } from "../catalog/identity-kinds";

/** Azure RBAC's principal types. Managed identities are `ServicePrincipal`. */
export type PrincipalType = "ServicePrincipal" | "User" | "Group";

/** Something that can be granted roles: a principal itself, or what holds one (a workload identity). */
export interface IGrantable {
  readonly grantPrincipal: IPrincipal;
}

/** Anything that can be granted an Azure role; it is its own grant principal, as in aws-iam. */
export interface IPrincipal extends IGrantable {
  /** The object (principal) ID the role assignment names; may be a token. */
  readonly principalId: string;
  readonly principalType: PrincipalType;
  /** True for managed identities: grants skip the Entra ID replication check. */
  readonly isManagedIdentity: boolean;
  /** Who this is, for grant descriptions and reports: "control-plane identity of myManagedCluster". */
  readonly description: string;
  /** The part it plays for a cluster (the article's "Identity" column), when it plays one. */
  readonly identityKind?: IdentityKind;
  /**
   * True when AKS creates the identity with the cluster (system-assigned control plane,
   * AKS-made kubelet identity, add-on identities): it exists only once the cluster does, so a
   * grant to it references the cluster and Terraform makes it after the cluster.
   */
  readonly createdByAks: boolean;
}

/** The fields of a principal; {@link principal} adds `grantPrincipal`. */
export type PrincipalProps = Omit<IPrincipal, "grantPrincipal">;

/** A plain principal object, its own grant principal (not enumerable, so spreading and JSON see only the fields). */
export function principal(props: PrincipalProps): IPrincipal {
  const p = { ...props } as IPrincipal;
  Object.defineProperty(p, "grantPrincipal", { value: p, enumerable: false });
  return Object.freeze(p);
}

/** A principal given by its object ID, for identities this app does not manage. */
export function externalPrincipal(props: {
  principalId: string;
  principalType?: PrincipalType;
  isManagedIdentity?: boolean;
  description: string;
}): IPrincipal {
  return principal({
    principalId: props.principalId,
    principalType: props.principalType ?? "ServicePrincipal",
    isManagedIdentity: props.isManagedIdentity ?? true,
    description: props.description,
    createdByAks: false,
  });
}
