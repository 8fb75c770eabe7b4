import { GuardrailRule, RuleFinding } from "./rule";
import { isUnknown, literal, parseReference } from "../terraform-json/expressions";
import { ConstructStackModel } from "./stack-model";

/** Rule 11: workload identity needs the OIDC issuer; a custom private DNS zone needs a user-assigned identity. */
export const AKSID011: GuardrailRule = {
  id: "AKSID011",
  level: "error",
  message: "Workload identity needs the OIDC issuer, and a custom private DNS zone needs a user-assigned control-plane identity.",
  why: "Without the issuer no workload token can be exchanged; a system-assigned identity cannot be granted Private DNS Zone Contributor before the cluster exists, so the create fails.",
  fix: "set oidc_issuer_enabled = true with workload_identity_enabled; with private_dns_zone_id use a user-assigned identity granted Private DNS Zone Contributor on the zone before the cluster.",
  check: (stack) => [...stack.clusters.flatMap((cluster) => {
    const c = cluster.config;
    const findings: RuleFinding[] = [];
    if (c.workload_identity_enabled === true && !isUnknown(c.oidc_issuer_enabled) && c.oidc_issuer_enabled !== true) {
      findings.push({ element: cluster, attribute: "oidc_issuer_enabled", value: c.oidc_issuer_enabled,
        message: "workload_identity_enabled is true but oidc_issuer_enabled is not, and workload identity needs the cluster's OIDC issuer.",
        fix: "set oidc_issuer_enabled = true (it cannot be turned off again)." });
    }
    const zone = c.private_dns_zone_id;
    const builtIn = ["system", "none"].includes(literal(zone)?.toLowerCase() ?? "");
    if (zone !== undefined && zone !== null && !builtIn && stack.identityType(cluster) === "SystemAssigned") {
      findings.push({ element: cluster, attribute: "private_dns_zone_id", value: zone,
        message: "A custom private DNS zone with a system-assigned identity: the control plane needs Private DNS Zone Contributor on the zone before the cluster is created, which a system-assigned identity cannot have.",
        fix: "use a user-assigned control-plane identity, grant it Private DNS Zone Contributor on the zone and add that role assignment to the cluster's depends_on." });
    }
    return findings;
  }), ...federatedWithoutIssuer(stack)],
};

/** A federated identity credential that trusts the issuer of a cluster that has none. */
function federatedWithoutIssuer(stack: ConstructStackModel): RuleFinding[] {
  return stack.resources("azurerm_federated_identity_credential").flatMap((credential) => {
    const ref = parseReference(credential.config.issuer);
    const cluster = stack.target(credential.config.issuer);
    if (!ref || ref.attribute !== "oidc_issuer_url" || cluster?.type !== "azurerm_kubernetes_cluster") return [];
    const enabled = cluster.config.oidc_issuer_enabled;
    if (enabled === true || isUnknown(enabled)) return [];
    return [{ element: credential, attribute: "issuer", value: credential.config.issuer,
      message: `The federated credential trusts the OIDC issuer of ${cluster.address}, whose oidc_issuer_enabled is not true, so the cluster has no issuer and workload identity cannot sign in.`,
      fix: `set oidc_issuer_enabled = true (and workload_identity_enabled = true) on ${cluster.address}.` }];
  });
}
