// The provider import names @cdktf: the flavour's configuration resolves it to @cdktn/provider-azurerm.
import type { FederatedIdentityCredentialConfig } from "@cdktf/provider-azurerm/lib/federated-identity-credential";

/**
 * The CDK Terrain flavour: cdktn 0.24 with @cdktn/provider-azurerm 16.1.0 (azurerm 4.73.0).
 * See lib/flavour/cdktf.ts; this module exports the same names.
 */
export const CDK_FLAVOUR = "cdktn";

/**
 * How an azurerm_federated_identity_credential names its user-assigned identity. 4.73 calls
 * it `user_assigned_identity_id`: `parent_id` is deprecated (renamed in 4.65, #31921) and
 * `resource_group_name` is deprecated and computed from the identity's id (4.60, #30860);
 * writing either prints a deprecation warning at plan (provider v4.73.0
 * internal/services/managedidentity/federated_identity_credential_resource.go). The
 * resource group argument is unused here on purpose: the id names it.
 */
export function federatedCredentialParent(identityId: string, _resourceGroupName: string): Pick<FederatedIdentityCredentialConfig, "userAssignedIdentityId"> {
  return { userAssignedIdentityId: identityId };
}
