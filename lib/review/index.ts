// The review API: pure functions over Terraform JSON (helpers stay module-private).
export { ReviewInputError } from "./errors";
export { parseStack } from "./stack-model";
export type { JsonStackModel, TfResource } from "./stack-model";
export type { ClusterIdentityInfo, ReportedIdentityKind, ReportedIdentityType } from "./cluster-identities";
export { buildReport } from "./report";
export type { IdentityReport, StackReport, ClusterReport, ReportedGrant, ReportedGrantTiming, ReportedIdentity } from "./report";
export { clusterDiagram } from "./mermaid";
export { reportMarkdown } from "./report-markdown";
export { parsePlan } from "./plan-json";
export type { TerraformPlan, PlanResourceChange, StateResource } from "./plan-json";
export { checkPlan } from "./plan-check";
export type { PlanFinding, PlanFindingKind, PlanOtherChange, PlanCheckOptions, PlanCheckResult } from "./plan-check";
export { planCheckMarkdown } from "./plan-check-markdown";
