import { TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { AksIdentityError } from "../errors";

export function isLiteral(value: unknown): value is string {
  return typeof value === "string" && !Token.isUnresolved(value);
}

/**
 * Checks a literal name against Azure's pattern and length limits; tokens pass. `defaultedFrom`
 * is the construct id the name was taken from when none was given: the error then says so.
 */
export function validateName(
  path: string,
  prop: string,
  value: unknown,
  rule: { pattern: RegExp; min: number; max: number; describe: string },
  defaultedFrom?: string,
): void {
  if (typeof value !== "string") {
    throw new AksIdentityError({
      path,
      prop,
      received: value,
      problem: `Expected a string: ${rule.describe}.`,
      fix: `pass a name of ${rule.min}-${rule.max} characters.`,
    });
  }
  if (Token.isUnresolved(value)) return;
  if (value.length < rule.min || value.length > rule.max || !rule.pattern.test(value)) {
    const suggestion = suggest(value, rule);
    const example = suggestion ? `, e.g. ${JSON.stringify(suggestion)}` : "";
    throw new AksIdentityError({
      path,
      prop,
      received: value,
      problem: `${defaultedFrom !== undefined ? `No ${prop} was given, so the construct id ${JSON.stringify(defaultedFrom)} is used as the Azure ${prop}, and it does not fit. ` : ""}Allowed: ${rule.describe}, ${rule.min}-${rule.max} characters.`,
      fix: defaultedFrom !== undefined
        ? `pass ${prop}: "..." explicitly${example} (the Azure ${prop} may differ from the construct id), or rename the construct.`
        : `rename it to fit${example}.`,
    });
  }
}

/** A nearby name that passes the rule, or undefined when none is obvious (never a suggestion that fails again). */
function suggest(value: string, rule: { pattern: RegExp; min: number; max: number }): string | undefined {
  const cleaned = value.trim().replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "my-name";
  for (const candidate of [cleaned, cleaned.toLowerCase(), `a${cleaned}`, `a${cleaned.toLowerCase()}`, cleaned.toLowerCase().replace(/-/g, "")]) {
    const cut = candidate.slice(0, rule.max).replace(/-+$/, "");
    if (cut.length >= rule.min && rule.pattern.test(cut)) return cut;
  }
  return undefined;
}

export const NAME_RULES = {
  cluster: { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*[A-Za-z0-9]$/, min: 1, max: 63, describe: "letters, digits, hyphens and underscores, starting and ending with a letter or digit" },
  dnsPrefix: { pattern: /^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/, min: 1, max: 54, describe: "letters, digits and hyphens, starting with a letter and ending with a letter or digit" },
  identity: { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, min: 3, max: 128, describe: "letters, digits, hyphens and underscores, starting with a letter or digit" },
  resourceGroup: { pattern: /^[-\w._()]*[-\w_()]$/, min: 1, max: 90, describe: "letters, digits, underscores, hyphens, periods and parentheses, not ending in a period" },
  nodePool: { pattern: /^[a-z][a-z0-9]*$/, min: 1, max: 12, describe: "lowercase letters and digits, starting with a letter" },
  location: { pattern: /^[a-z][a-z0-9]*$/, min: 2, max: 40, describe: "an Azure region's name in lowercase without spaces, like westus2" },
} as const;

/**
 * Terraform names (resources, outputs) must start with a letter or underscore. cdktf builds
 * them from the construct path without checking, so an id like "01-prod" synthesizes a stack
 * that `terraform validate` rejects ("Invalid resource name").
 */
export function validateTerraformName(construct: Construct, id: string): void {
  const logicalId = TerraformStack.of(construct).getLogicalId(construct.node);
  if (/^[A-Za-z_]/.test(logicalId)) return;
  throw new AksIdentityError({
    path: construct.node.path,
    prop: "id",
    received: id,
    problem: `Terraform names must start with a letter or underscore; the resources here would be named ${JSON.stringify(logicalId)}, which terraform rejects.`,
    fix: "start the construct id (and the ids of the constructs around it) with a letter, e.g. \"aks-01\"; the Azure name can differ (the name prop).",
  });
}
