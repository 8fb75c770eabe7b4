import { CDK_FLAVOUR, FlavourName } from "./flavour";

/**
 * The documented differences between the flavours' synthesized JSON: everything else is
 * equal (README "CDK Terrain"). The per-flavour module lib/flavour/<flavour>.ts writes them;
 * these are the tests' own statement of what each azurerm version expects.
 */
export const DOCUMENTED_DIFFERENCES: readonly { readonly file: RegExp; readonly path: RegExp; readonly why: string }[] = [
  { file: /^manifest\.json$/, path: /^version$/, why: "the CDK's version: cdktf 0.21.0, cdktn 0.24.0" },
  { file: /cdk\.tf\.json$/, path: /^\/\/\.metadata\.version$/, why: "the CDK's version: cdktf 0.21.0, cdktn 0.24.0" },
  { file: /cdk\.tf\.json$/, path: /^terraform\.required_providers\.azurerm\.version$/, why: "the azurerm provider the bindings pin: 4.55.0, 4.73.0" },
  {
    file: /cdk\.tf\.json$/,
    path: /^resource\.azurerm_federated_identity_credential\.[^.]+\.(parent_id|resource_group_name|user_assigned_identity_id)$/,
    why: "azurerm 4.55 requires parent_id and resource_group_name; 4.73 deprecates both for user_assigned_identity_id",
  },
];

/** The versions each flavour pins, as its synthesized JSON states them. */
export const PINNED: Record<FlavourName, { cdk: string; azurerm: string }> = {
  cdktf: { cdk: "0.21.0", azurerm: "4.55.0" },
  cdktn: { cdk: "0.24.0", azurerm: "4.73.0" },
};

/** The attributes that name a federated credential's identity in either azurerm version. */
export const FEDERATED_CREDENTIAL_PARENT_KEYS = ["parent_id", "resource_group_name", "user_assigned_identity_id"];

/** What a flavour writes to name a federated credential's identity. */
export function federatedCredentialParent(identityId: string, resourceGroupName: string, flavour: FlavourName = CDK_FLAVOUR): Record<string, string> {
  return flavour === "cdktf" ? { parent_id: identityId, resource_group_name: resourceGroupName } : { user_assigned_identity_id: identityId };
}
