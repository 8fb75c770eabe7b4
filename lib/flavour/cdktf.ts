import type { FederatedIdentityCredentialConfig } from "@cdktf/provider-azurerm/lib/federated-identity-credential";

/**
 * The cdktf flavour: cdktf 0.21 with @cdktf/provider-azurerm 14.23.1 (azurerm 4.55.0).
 * Sources import this module as `#flavour`; the build and test configuration decides
 * which flavour's module that is (tsconfig*.json `paths`, flavours/jest.js), never the
 * sources. lib/flavour/cdktn.ts exports the same names.
 */
export const CDK_FLAVOUR = "cdktf";

/**
 * How an azurerm_federated_identity_credential names its user-assigned identity. In 4.55
 * `parent_id` and `resource_group_name` are both required (provider v4.55.0
 * internal/services/managedidentity/federated_identity_credential_resource.go).
 */
export function federatedCredentialParent(identityId: string, resourceGroupName: string): Pick<FederatedIdentityCredentialConfig, "parentId" | "resourceGroupName"> {
  return { resourceGroupName, parentId: identityId };
}
