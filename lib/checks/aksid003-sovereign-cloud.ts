import { GuardrailRule } from "./rule";
import { literal } from "../terraform-json/expressions";

const CLOUDS: Record<string, string> = { usgovernment: "Azure Government", china: "Azure China 21Vianet" };

/** Rule 3: the article lists Azure Government and Azure China as unsupported for a user-assigned control plane. */
export const AKSID003: GuardrailRule = {
  id: "AKSID003",
  level: "error",
  message: "The article states a user-assigned control-plane identity isn't supported in Azure Government or Azure China 21Vianet.",
  why: "The cluster would fail at create time in that cloud; the provider's environment tells the cloud at synth.",
  fix: "use a system-assigned identity in this cloud, or, if the current AKS documentation for your cloud supports it, suppress AKSID003 with that reason.",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    if (stack.identityType(cluster) !== "UserAssigned") return [];
    const provider = stack.providerOf(cluster);
    const env = literal(provider?.config.environment)?.toLowerCase();
    const cloud = env === undefined ? undefined : CLOUDS[env];
    if (!provider || !cloud) return [];
    return [{ element: cluster, attribute: "identity.type", value: "UserAssigned",
      message: `The cluster's provider ${provider.address} targets ${cloud} (environment "${env}"), where the article states a user-assigned control-plane identity isn't supported.` }];
  }),
};
