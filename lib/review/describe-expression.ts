import { Reference, referenceOf, referenceText, replaceReferences } from "../terraform-json/expressions";

/**
 * How a reviewer reads a value: a reference to a resource's `id` is the resource's address
 * (`azurerm_subnet.mySubnet`), another reference is `address.attribute`, a literal is itself.
 * Reports show a reference by its Terraform address, so an unresolved value is named, never dropped.
 */
export function describeExpression(value: unknown): string {
  if (value === undefined || value === null) return "(not set)";
  if (typeof value !== "string") return JSON.stringify(value);
  const ref = referenceOf(value);
  if (ref) return value.includes("(") ? value.replace(/^\$\{\s*|\s*\}$/g, "") : describeReference(ref);
  return replaceReferences(value, describeReference);
}

export function describeReference(ref: Reference): string {
  return ref.attribute === "" || ref.attribute === "id" ? ref.address : referenceText(ref);
}
