import { Roles } from "../roles";
import { block } from "../terraform-json/blocks";
import { isUnknown, literal } from "../terraform-json/expressions";
import { requireVaultAccess, vaultOfKey } from "./key-vault-access";
import { GuardrailRule, RuleFinding } from "./rule";

const FIX = "turn on API server VNet integration (api_server_access_profile { virtual_network_integration_enabled = true, subnet_id = <delegated subnet> }) and grant the control-plane identity Key Vault Contributor on the vault before the cluster (AksCluster: kms.networkAccess \"private\" grants it).";

/**
 * Rule 31: a private key vault for KMS needs API server VNet integration, and Key Vault
 * Contributor for the control plane to create the private link (aks-docs use-kms-etcd-encryption.md).
 */
export const AKSID031: GuardrailRule = {
  id: "AKSID031",
  level: "error",
  message: "KMS with a private key vault needs API server VNet integration and Key Vault Contributor on the vault for the control plane before the cluster is created.",
  why: "KMS reaches a private vault only through the API server VNet integration tunnel (Konnectivity is not supported), and AKS creates the private link with the control plane's Key Vault Contributor role; AKS cannot validate the access of a private vault beforehand.",
  fix: FIX,
  check: (stack) => stack.clusters.flatMap((cluster): RuleFinding[] => {
    const kms = block(cluster.config.key_management_service);
    if (!kms || literal(kms.key_vault_network_access) !== "Private") return [];
    const findings: RuleFinding[] = [];
    const vnet = block(cluster.config.api_server_access_profile)?.virtual_network_integration_enabled;
    if (vnet !== true && !isUnknown(vnet)) {
      findings.push({ element: cluster, attribute: "api_server_access_profile.virtual_network_integration_enabled", value: vnet,
        message: "KMS with a private key vault, but API server VNet integration is off: KMS supports only the API server VNet integration tunnel for a private vault." });
    }
    const vault = vaultOfKey(stack, kms.key_vault_key_id);
    if (vault && stack.identityType(cluster) === "UserAssigned") {
      const f = requireVaultAccess(stack,
        { element: cluster, attribute: "key_management_service.key_vault_network_access", value: "Private", waits: stack.waitsFor(cluster), who: "The user-assigned control-plane identity" },
        stack.controlPlanePrincipals(cluster), vault, { role: Roles.KEY_VAULT_CONTRIBUTOR }, "Key Vault Contributor on the private key vault", FIX);
      if (f) findings.push(f);
    }
    return findings;
  }),
};
