/**
 * The kinds of identity an AKS cluster runs with, by the article's first column ("Identity"):
 * one list for principals, the catalog and the identity report.
 */
export const IDENTITY_KINDS = Object.freeze({
  "control-plane": "Control plane",
  kubelet: "Kubelet",
  addon: "Add-on",
  "oss-project": "OSS project",
  workload: "Workload",
} as const);

export type IdentityKind = keyof typeof IDENTITY_KINDS;
