import { block } from "../terraform-json/blocks";
import { parseReference, literal } from "../terraform-json/expressions";
import { parseResourceId } from "../private/resource-id";
import { GuardrailRule, RuleFinding } from "./rule";
import { ElementView } from "./stack-model";

const IDENTITY = "web_app_routing[0].web_app_routing_identity[0].object_id";

/** True for a key vault ID: a vault resource or lookup's id, or a literal vault ID. */
function isVault(target: ElementView | undefined, value: unknown): boolean {
  if (target) return target.type === "azurerm_key_vault";
  return parseResourceId(literal(value) ?? "")?.type?.toLowerCase() === "microsoft.keyvault/vaults";
}

/**
 * Rule 36: web application routing reads Key Vault certificates through the Secrets Store CSI
 * driver; az refuses --attach-kv without it (azure-cli acs/managed_cluster_decorator.py).
 */
export const AKSID036: GuardrailRule = {
  id: "AKSID036",
  level: "error",
  message: "The web application routing identity is given access to a key vault, but the cluster has no Key Vault secrets provider add-on to read the certificates with.",
  why: "The add-on mounts Key Vault certificates through the Secrets Store CSI driver; az aks approuting update --attach-kv refuses without it (\"Keyvault secrets provider addon must be enabled to attach keyvault\").",
  fix: "add key_vault_secrets_provider { secret_rotation_enabled = true } to the cluster (AksCluster: addons.keyVaultSecretsProvider).",
  check: (stack) => {
    const grants = [
      ...stack.roleAssignments.map((ra) => ({ element: ra.element, principal: ra.principalId, vault: ra.scope, attribute: "scope" })),
      ...stack.resources("azurerm_key_vault_access_policy").map((p) => ({ element: p, principal: p.config.object_id, vault: p.config.key_vault_id, attribute: "key_vault_id" })),
    ];
    return grants.flatMap((g): RuleFinding[] => {
      const ref = parseReference(g.principal);
      const cluster = ref && ref.attribute === IDENTITY ? stack.get(ref.address) : undefined;
      if (cluster?.type !== "azurerm_kubernetes_cluster" || block(cluster.config.key_vault_secrets_provider)) return [];
      if (!isVault(stack.target(g.vault), g.vault)) return [];
      return [{ element: g.element, attribute: g.attribute, value: g.vault,
        message: `The web application routing identity of ${cluster.address} is given access to a key vault, but the cluster has no key_vault_secrets_provider block to read the certificates with.` }];
    });
  },
};
