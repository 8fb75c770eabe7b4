import { block } from "../terraform-json/blocks";
import { referencesIn } from "../terraform-json/expressions";
import { GuardrailRule, RuleFinding } from "./rule";

const EMPTY_WITH_ENTRA = /^kube_config\[0\]\.(client_certificate|client_key|password)$/;

/**
 * Rule 35: with Microsoft Entra ID azurerm exports kube_config's client certificate, key and
 * password empty (azurerm 4.55 kubernetes_cluster_data_source.go, flattenKubernetesClusterDataSourceKubeConfigAAD).
 */
export const AKSID035: GuardrailRule = {
  id: "AKSID035",
  level: "error",
  message: "A provider signs in to a cluster with Microsoft Entra ID using kube_config's client certificate, key or password, which azurerm exports empty for such a cluster.",
  why: "An Entra cluster's user kubeconfig has no static credential: the kubernetes (or helm) provider would fail with Unauthorized on the first plan.",
  fix: "configure the provider with host and cluster_ca_certificate from kube_config and an exec block running kubelogin get-token --login <mode> --server-id 6dae42f8-4368-4678-94ff-3960e28e3630 (clusterKubernetesProvider does).",
  check: (stack) => stack.elements.filter((e) => e.kind === "provider").flatMap((provider): RuleFinding[] => {
    const refs = referencesIn(provider.config).filter((r) => EMPTY_WITH_ENTRA.test(r.attribute));
    return refs.flatMap((r) => {
      const cluster = stack.get(r.address);
      if (cluster?.type !== "azurerm_kubernetes_cluster" || !block(cluster.config.azure_active_directory_role_based_access_control)) return [];
      return [{ element: provider, attribute: r.attribute.split(".").pop()!, value: `\${${r.address}.${r.attribute}}`,
        message: `The ${provider.type} provider reads ${r.attribute} of ${cluster.address}, which has Microsoft Entra ID integration, so azurerm exports it empty.` }];
    });
  }),
};
