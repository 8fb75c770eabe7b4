// The review API: pure functions over Terraform JSON (helpers stay module-private).
export { ReviewInputError } from "./errors";
export { parseStack } from "./stack-model";
export type { StackModel, TfResource } from "./stack-model";
export { ADDON_IDENTITY_BLOCKS } from "./cluster-identities";
export type { ClusterIdentityInfo, IdentityKind, IdentityType } from "./cluster-identities";
export { DEFAULT_PERMISSIONS, defaultPermissionsFor } from "./default-permissions";
export type { DefaultPermission } from "./default-permissions";
export { buildReport } from "./report";
export type { IdentityReport, StackReport, ClusterReport, GrantInfo, GrantTiming, ReportedIdentity } from "./report";
export { clusterDiagram } from "./mermaid";
export { reportMarkdown } from "./report-markdown";
export { parsePlan } from "./plan-json";
export type { TerraformPlan, PlanResourceChange, StateResource } from "./plan-json";
export { checkPlan } from "./plan-check";
export type { Finding, FindingKind, OtherChange, PlanCheckOptions, PlanCheckResult } from "./plan-check";
export { planCheckMarkdown } from "./plan-check-markdown";
