import { GuardrailRule, RuleFinding } from "./rule";
import { block } from "../terraform-json/blocks";
import { referencesIn, referenceText } from "../terraform-json/expressions";
import { ConstructStackModel, ElementView } from "./stack-model";

/** azurerm provider arguments that hold a credential (azurerm 4.55 provider schema, internal/provider/provider.go). */
const PROVIDER_SECRETS = ["client_secret", "client_certificate_password", "client_certificate"];

/**
 * Rule 4, second half: a client secret written into the configuration. A value is written in
 * plaintext when it is fixed at synth: a literal, a function of literals (`Fn.lower("...")`,
 * `Fn.join`), a TerraformLocal of them, or a variable's default (also one read from
 * `process.env` at synth). The value is never echoed.
 */
export const AKSID014: GuardrailRule = {
  id: "AKSID014",
  level: "error",
  message: "A literal client secret is written in plaintext into cdk.tf.json and the Terraform state.",
  why: "Anyone who can read the synthesized configuration or the repository gets the secret.",
  fix: "pass a sensitive TerraformVariable's value or a Key Vault secret lookup instead (or ARM_CLIENT_SECRET for the provider), or move to a managed identity.",
  check: (stack) => {
    const findings: RuleFinding[] = [];
    for (const cluster of stack.clusters) {
      const secret = block(cluster.config.service_principal)?.client_secret;
      if (secret !== undefined && stack.fixedAtSynth(secret)) findings.push({ element: cluster, attribute: "service_principal.client_secret", value: secret, redact: true });
    }
    for (const provider of stack.elements.filter((e) => e.kind === "provider" && e.type === "azurerm")) {
      for (const attribute of PROVIDER_SECRETS) {
        const secret = provider.config[attribute];
        if (secret !== undefined && stack.fixedAtSynth(secret)) findings.push({ element: provider, attribute, value: secret, redact: true });
      }
    }
    findings.push(...sensitiveDefaults(stack, new Set(findings.map((f) => `${f.element.address}|${f.attribute.split(".")[0]}`))));
    return findings;
  },
};

/** Every use of a sensitive variable that has a default: the default is in cdk.tf.json in plaintext. */
function sensitiveDefaults(stack: ConstructStackModel, reported: Set<string>): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const element of stack.elements) {
    for (const [attribute, value] of Object.entries(element.config)) {
      if (attribute === "//") continue;
      for (const ref of referencesIn(value)) {
        const name = referenceText(ref);
        const variable = stack.variableOf(name);
        if (!variable || variable.sensitive !== true || variable.default === undefined || variable.default === null || variable.default === "") continue;
        const key = `${element.address}|${attribute}`;
        if (reported.has(key)) continue;
        reported.add(key);
        out.push(finding(element, attribute, name));
      }
    }
  }
  return out;
}

function finding(element: ElementView, attribute: string, variable: string): RuleFinding {
  return {
    element, attribute, value: undefined, redact: true,
    message: `${variable} is sensitive but has a default, which is written in plaintext into cdk.tf.json (a default read from process.env at synth too).`,
    fix: "remove the default and pass the value at plan time (TF_VAR_<name>, a .tfvars file kept out of the repository), or read it from Key Vault.",
  };
}
