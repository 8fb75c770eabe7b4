import { catalogRow, NO_IDENTITY } from "../catalog/row";
import { AddonDefinition } from "./addon";

/** Azure Policy and its gatekeeper: no identity, nothing to grant. */
export const AZURE_POLICY = {
  key: "azurePolicy",
  takes: "switch",
  idPrefix: "AzurePolicy",
  catalog: catalogRow({
    ...NO_IDENTITY,
    key: "azurePolicy",
    kind: "addon",
    name: "azure-policy",
    order: 6,
    status: "no-identity",
    enableWith: "`addons.azurePolicy: true` (azurerm `azure_policy_enabled`)",
  }),
  config: (_ctx, on) => (on ? { azurePolicyEnabled: true } : {}),
} satisfies AddonDefinition<"azurePolicy", boolean>;
