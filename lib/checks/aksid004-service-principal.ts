import { GuardrailRule } from "./rule";
import { block } from "../terraform-json/blocks";

/** Rule 4, first half: a service principal still in use. */
export const AKSID004: GuardrailRule = {
  id: "AKSID004",
  level: "warning",
  message: "The cluster authenticates with a service principal, whose secret expires and must be rotated or the cluster stops working.",
  why: "Managed identities rotate their credentials themselves; a service principal's expired secret breaks load balancers, disks and image pulls.",
  fix: "migrate in place: replace service_principal with identity { type = \"SystemAssigned\" } (or UserAssigned), then run az aks nodepool upgrade --node-image-only on every pool (ManagedIdentityMigration).",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    const sp = block(cluster.config.service_principal);
    return sp ? [{ element: cluster, attribute: "service_principal.client_id", value: sp.client_id }] : [];
  }),
};
