import { AKSID000 } from "./aksid000-suppression-reason";
import { AKSID001 } from "./aksid001-kubelet-identity";
import { AKSID002 } from "./aksid002-identity-ids";
import { AKSID003 } from "./aksid003-unsupported-region";
import { AKSID004 } from "./aksid004-service-principal";
import { AKSID005 } from "./aksid005-system-assigned-custom-network";
import { AKSID006 } from "./aksid006-user-defined-routing";
import { AKSID007 } from "./aksid007-creation-time-grants";
import { AKSID008 } from "./aksid008-acr-pull-control-plane";
import { AKSID009 } from "./aksid009-broad-role-assignment";
import { AKSID010 } from "./aksid010-principal-type";
import { AKSID011 } from "./aksid011-oidc-private-dns";
import { AKSID012 } from "./aksid012-service-cidr";
import { AKSID013 } from "./aksid013-aad-pod-identity";
import { AKSID014 } from "./aksid014-literal-client-secret";
import { AKSID015 } from "./aksid015-duplicate-role-assignment";
import { AKSID016 } from "./aksid016-dependency-cycle";
import { AKSID017 } from "./aksid017-description-force-new";
import { AKSID018 } from "./aksid018-client-id-as-principal";
import { AKSID020 } from "./aksid020-nat-gateway-egress";
import { AKSID030 } from "./aksid030-kms-key-vault-access";
import { AKSID031 } from "./aksid031-kms-private-key-vault";
import { AKSID032 } from "./aksid032-disk-encryption-set";
import { AKSID033 } from "./aksid033-local-accounts-without-entra";
import { AKSID034 } from "./aksid034-kubernetes-rbac-role";
import { AKSID035 } from "./aksid035-kube-config-with-entra";
import { AKSID036 } from "./aksid036-web-app-routing-key-vault";
import { AKSID037 } from "./aksid037-container-insights-legacy-auth";
import { AKSID038 } from "./aksid038-container-insights-data-collection";
import { GuardrailRule } from "./rule";

/** Every guardrail, in ID order. The README's rule table is generated from this list. */
export const GUARDRAIL_RULES: readonly GuardrailRule[] = Object.freeze([
  AKSID000, AKSID001, AKSID002, AKSID003, AKSID004, AKSID005, AKSID006, AKSID007,
  AKSID008, AKSID009, AKSID010, AKSID011, AKSID012, AKSID013, AKSID014,
  AKSID015, AKSID016, AKSID017, AKSID018,
  // AKSID020-029: the production network (issue 13).
  AKSID020,
  // Security features (KMS, disk encryption, Entra ID, web app routing certificates, Container Insights).
  AKSID030, AKSID031, AKSID032, AKSID033, AKSID034, AKSID035, AKSID036, AKSID037, AKSID038,
]);

export function findRule(id: string): GuardrailRule | undefined {
  return GUARDRAIL_RULES.find((r) => r.id === id);
}

/** The README's rule table (Markdown), generated so it can't drift from the code. */
export function guardrailsTable(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return [
    "| ID | level | what it catches | why | fix |",
    "|---|---|---|---|---|",
    ...GUARDRAIL_RULES.map((r) => `| ${r.id} | ${r.level} | ${cell(r.message)} | ${cell(r.why)} | ${cell(r.fix)} |`),
  ].join("\n");
}
