import { CatalogRow } from "../catalog/row";
import { IPrincipal } from "../grants/principal";

/** The three attributes azurerm exports for every add-on identity. */
export interface AddonIdentityAttributes {
  readonly clientId: string;
  readonly objectId: string;
  readonly userAssignedIdentityId: string;
}

/**
 * The managed identity AKS creates for an add-on, in the node resource group. It exists
 * only once the cluster does, so grants to it reference the cluster's exported attributes
 * and Terraform orders them after the cluster. Pass it to `RoleGrant` like any principal.
 */
export class AddonIdentity implements IPrincipal {
  public readonly principalType = "ServicePrincipal" as const;
  public readonly isManagedIdentity = true;
  public readonly identityKind = "addon" as const;
  public readonly createdByAks = true;
  /** The `addons` prop of the add-on: `monitoring`, `keyVaultSecretsProvider`... */
  public readonly addon: string;
  public readonly clientId: string;
  public readonly objectId: string;
  public readonly userAssignedIdentityId: string;
  public readonly description: string;

  constructor(row: CatalogRow, clusterName: string, attrs: AddonIdentityAttributes) {
    this.addon = row.key;
    this.clientId = attrs.clientId;
    this.objectId = attrs.objectId;
    this.userAssignedIdentityId = attrs.userAssignedIdentityId;
    this.description = `${row.name} identity of ${clusterName} (${row.identity.replace(/`/g, "").replace("<cluster>", clusterName)}, made by AKS)`;
  }

  /** The object ID: what a role assignment names. */
  public get principalId(): string {
    return this.objectId;
  }

  public get grantPrincipal(): IPrincipal {
    return this;
  }
}
