import { IUserAssignedManagedIdentity } from "./user-assigned-managed-identity";

/** The article's three ways an AKS control plane authenticates to Azure. */
export type ClusterIdentityType = "SystemAssigned" | "UserAssigned" | "ServicePrincipal";

export interface ServicePrincipalCredentials {
  /** The application (client) ID. */
  readonly clientId: string;
  /**
   * The client secret. It must be a token (a sensitive `TerraformVariable`, a Key Vault
   * secret lookup): a literal string would be written in plaintext to cdk.tf.json.
   */
  readonly clientSecret: string;
  /**
   * The service principal's object ID, needed only to grant it roles (the client ID is
   * not a principal ID).
   * @default - the cluster cannot grant roles to it
   */
  readonly objectId?: string;
}

/**
 * How the control plane authenticates: a value the cluster consumes.
 * `az aks create --enable-managed-identity` is {@link ClusterIdentity.systemAssigned};
 * `--assign-identity <id>` is {@link ClusterIdentity.userAssigned}.
 */
export class ClusterIdentity {
  /** AKS creates and owns the identity; it exists only once the cluster does. */
  public static systemAssigned(): ClusterIdentity {
    return new ClusterIdentity("SystemAssigned");
  }

  /** Your own identity: it can be granted roles before the cluster is created. */
  public static userAssigned(identity: IUserAssignedManagedIdentity): ClusterIdentity {
    return new ClusterIdentity("UserAssigned", identity);
  }

  /** A service principal: its secret expires and must be rotated. Prefer a managed identity. */
  public static servicePrincipal(credentials: ServicePrincipalCredentials): ClusterIdentity {
    return new ClusterIdentity("ServicePrincipal", undefined, credentials);
  }

  private constructor(
    public readonly type: ClusterIdentityType,
    public readonly userAssignedIdentity?: IUserAssignedManagedIdentity,
    public readonly servicePrincipal?: ServicePrincipalCredentials,
  ) {}

  public get isManagedIdentity(): boolean {
    return this.type !== "ServicePrincipal";
  }
}
