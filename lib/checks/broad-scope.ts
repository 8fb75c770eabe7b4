import { parseTemplateString } from "../terraform-json/expression-ast";
import { HOLE, Shape, shapeOf } from "../terraform-json/expression-value";

/** How broad a role assignment scope is, when it is broader than a resource group. */
export type BroadScope = "the tenant root" | "a management group" | "a whole subscription";

/**
 * What a reference is known to hold: the ID shapes of the data sources and resources that
 * name a subscription or management group (azurerm 4.55: `data.azurerm_subscription.id` is
 * `/subscriptions/<id>`, `azurerm_subscription.id` likewise (the alias's `subscription_id`
 * holds the GUID), `data.azurerm_client_config.subscription_id` a GUID,
 * `azurerm_management_group.id` `/providers/Microsoft.Management/managementGroups/<name>`).
 */
export function knownIdShape(traversal: string): Shape | undefined {
  const m = /^(?:data\.)?(azurerm_subscription|azurerm_client_config|azurerm_management_group)\.[^.[]+(?:\[[^\]]+\])?\.(id|subscription_id|name)$/.exec(traversal);
  if (!m) return undefined;
  const [, type, attribute] = m;
  if (type === "azurerm_subscription" && attribute === "id") return ["/subscriptions/", HOLE];
  if (type === "azurerm_management_group" && attribute === "id") return ["/providers/Microsoft.Management/managementGroups/", HOLE];
  return undefined;
}

/**
 * The broad scope a resolved Terraform expression names: `/`, a management group, or a
 * subscription without a resource group under it. Reads literals and the usual idioms:
 * `/subscriptions/${data.azurerm_client_config.current.subscription_id}`,
 * `${format("/subscriptions/%s", var.sub)}`, `${data.azurerm_subscription.current.id}`,
 * `${join("/", ["", "subscriptions", var.sub])}`; a trailing `/resourceGroups/<rg>` makes any
 * of them narrow. A value wholly unknown at synth (`${var.scope}`) is not judged.
 * `resolve` may say more about a reference (a local's value); built-in shapes are used otherwise.
 */
export function broadScopeOf(expression: unknown, resolve: (traversal: string) => Shape | undefined = () => undefined): BroadScope | undefined {
  if (typeof expression !== "string") return undefined;
  const shape = shapeOf(parseTemplateString(expression), (t) => resolve(t) ?? knownIdShape(t));
  return classify(shape);
}

function classify(shape: Shape): BroadScope | undefined {
  // Segments of the path; a hole stands for one segment (an ID's unknown part is a GUID or a name).
  const text = shape.map((p) => (p === HOLE ? "\u0000" : p)).join("");
  if (!text.startsWith("/")) return undefined;
  const trimmed = text.replace(/\/+$/, "");
  if (trimmed === "") return "the tenant root";
  const segments = trimmed.slice(1).split("/");
  if (segments.some((s) => s === "")) return undefined;
  const [a, b, ...rest] = segments.map((s) => s.toLowerCase());
  if (a === "subscriptions" && b !== undefined && rest.length === 0) return "a whole subscription";
  if (a === "providers" && b === "microsoft.management" && rest[0] === "managementgroups" && rest.length === 2) return "a management group";
  return undefined;
}
