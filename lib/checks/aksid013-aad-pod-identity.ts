import { GuardrailRule } from "./rule";
import { literal } from "../terraform-json/expressions";
import { Config, ElementView } from "./stack-model";

const POD_IDENTITY_KINDS = ["AzureIdentity", "AzureIdentityBinding", "AzureAssignedIdentity"];
const EXCEPTION = "AzurePodIdentityException";

/**
 * Rule 13: aad-pod-identity without the kube-system AzurePodIdentityException. Detected by
 * content (a Helm release of the chart, or its custom resources in any manifest), so it
 * works whichever construct or provider wrote them.
 */
export const AKSID013: GuardrailRule = {
  id: "AKSID013",
  level: "warning",
  message: "aad-pod-identity is installed without an AzurePodIdentityException in kube-system, so its NMI pods intercept the metadata-endpoint calls of AKS's own system pods.",
  why: "NMI rewrites the nodes' iptables to capture every call to the instance metadata endpoint; the article says to exclude the system pods with the aks label in kube-system.",
  fix: "add the mic-exception: an AzurePodIdentityException in namespace kube-system whose podLabels match kubernetes.azure.com/managedby: aks (or move to workload identity).",
  check: (stack) => {
    const resources = stack.elements.filter((e) => e.kind === "resource");
    if (resources.some((e) => manifests(e.config).some(isKubeSystemException))) return [];
    // Once per stack: on the Helm release when there is one, else on the first custom resource.
    const uses = resources.flatMap((e) => {
      const usage = podIdentityUsage(e);
      return usage ? [{ element: e, attribute: usage.attribute, value: usage.value }] : [];
    });
    return uses.sort((a, b) => Number(b.element.type === "helm_release") - Number(a.element.type === "helm_release")).slice(0, 1);
  },
};

function podIdentityUsage(e: ElementView): { attribute: string; value: unknown } | undefined {
  if (e.type === "helm_release") {
    for (const attribute of ["chart", "name", "repository"]) {
      const v = literal(e.config[attribute]);
      if (v && /aad-pod-identity/i.test(v)) return { attribute, value: v };
    }
  }
  const kind = manifests(e.config).map((m) => literal(m.kind)).find((k) => k !== undefined && POD_IDENTITY_KINDS.includes(k));
  return kind ? { attribute: "manifest.kind", value: kind } : undefined;
}

function isKubeSystemException(m: Config): boolean {
  return m.kind === EXCEPTION && (m.metadata as Config | undefined)?.namespace === "kube-system";
}

/** Every Kubernetes object in a config: objects with a `kind`, and YAML documents in strings. */
function manifests(value: unknown, into: Config[] = []): Config[] {
  if (typeof value === "string") {
    for (const doc of value.split(/^---\s*$/m)) {
      const kind = /^kind:\s*["']?([A-Za-z]+)/m.exec(doc)?.[1];
      if (!kind) continue;
      const namespace = /^\s+namespace:\s*["']?([a-z0-9-]+)/m.exec(doc)?.[1];
      into.push({ kind, metadata: { namespace } });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => manifests(v, into));
  } else if (value !== null && typeof value === "object") {
    const obj = value as Config;
    if (typeof obj.kind === "string") into.push(obj);
    for (const [k, v] of Object.entries(obj)) if (k !== "//") manifests(v, into);
  }
  return into;
}
