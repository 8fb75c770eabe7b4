import { GuardrailRule, RuleFinding } from "./rule";
import { block } from "../terraform-json/blocks";
import { literal } from "../terraform-json/expressions";

/** Rule 4, second half: a client secret written into the configuration. */
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
      if (literal(secret)) findings.push({ element: cluster, attribute: "service_principal.client_secret", value: secret, redact: true });
    }
    for (const provider of stack.elements.filter((e) => e.kind === "provider" && e.type === "azurerm")) {
      const secret = provider.config.client_secret;
      if (literal(secret)) findings.push({ element: provider, attribute: "client_secret", value: secret, redact: true });
    }
    return findings;
  },
};
