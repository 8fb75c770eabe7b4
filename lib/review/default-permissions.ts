/**
 * The permissions AKS gives each identity by itself, from the article's "Summary of managed
 * identities" and what `az aks create/update` grants (REFERENCE.md). A small table of its
 * own so the report needs nothing else; it can later read the add-on catalog (lib/addons*).
 */
export interface DefaultPermission {
  readonly role: string;
  /** Where, in words: AKS makes these itself, so there is no Terraform address. */
  readonly scope: string;
  readonly note?: string;
}

/** Keyed by identity kind: `control-plane`, `kubelet`, `service-principal`, `workload`, or `addon:<azurerm block>`. */
export const DEFAULT_PERMISSIONS: Readonly<Record<string, readonly DefaultPermission[]>> = Object.freeze({
  "control-plane": [
    { role: "Contributor", scope: "node resource group (MC_...)", note: "load balancers, AKS-managed public IPs, cluster autoscaler, disk and file CSI drivers" },
  ],
  // AKS grants a service principal nothing: it has what its owner gave it.
  "service-principal": [],
  // NA for Kubernetes 1.15+; AcrPull only where a registry is attached.
  kubelet: [],
  "addon:oms_agent": [
    { role: "Monitoring Metrics Publisher", scope: "the cluster", note: "sends metrics to Azure Monitor (granted after create when monitoring does not use MSI auth)" },
  ],
  "addon:ingress_application_gateway": [
    { role: "Contributor", scope: "node resource group (MC_...)" },
    { role: "Network Contributor", scope: "the application gateway's subnet or VNet", note: "granted by az aks after create" },
  ],
  "addon:aci_connector_linux": [
    { role: "Contributor", scope: "node resource group (MC_...)", note: "virtual node; az aks also grants Contributor on the virtual-node subnet's VNet" },
  ],
  "addon:key_vault_secrets_provider": [],
  "addon:web_app_routing": [
    { role: "DNS Zone Contributor / Private DNS Zone Contributor", scope: "each attached DNS zone", note: "only for zones attached with --attach-zones" },
  ],
  "addon:http_application_routing": [
    { role: "Reader", scope: "node resource group (MC_...)" },
    { role: "Contributor", scope: "the add-on's DNS zone", note: "retired by AKS in 2025; use web application routing" },
  ],
  workload: [],
});

/** The defaults for an identity kind; empty when AKS grants it nothing. */
export function defaultPermissionsFor(kind: string): readonly DefaultPermission[] {
  return DEFAULT_PERMISSIONS[kind] ?? [];
}
