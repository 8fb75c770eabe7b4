import { Token } from "cdktf";
import { AksIdentityError } from "../errors";

/** A parsed Azure resource ID: `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{child}/{name}]`. */
export interface ParsedResourceId {
  readonly subscriptionId: string;
  readonly resourceGroup?: string;
  /** `Microsoft.Network/virtualNetworks/subnets` style type, or undefined for a group or subscription. */
  readonly type?: string;
  readonly name?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/** Parses a literal resource ID; returns undefined when it is not one. */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  if (typeof id !== "string" || id !== id.trim() || !id.startsWith("/")) return undefined;
  const parts = id.slice(1).split("/");
  if (parts.some((p) => p === "")) return undefined;
  if (parts[0].toLowerCase() !== "subscriptions" || !parts[1] || !isGuid(parts[1])) return undefined;
  if (parts.length === 2) return { subscriptionId: parts[1] };
  if (parts[2].toLowerCase() !== "resourcegroups" || !parts[3]) return undefined;
  if (parts.length === 4) return { subscriptionId: parts[1], resourceGroup: parts[3] };
  if (parts[4].toLowerCase() !== "providers" || parts.length < 8 || parts.length % 2 !== 0) return undefined;
  const ns = parts[5];
  const typeSegments = [ns];
  let name = "";
  for (let i = 6; i < parts.length; i += 2) {
    typeSegments.push(parts[i]);
    name = parts[i + 1];
  }
  return { subscriptionId: parts[1], resourceGroup: parts[3], type: typeSegments.join("/"), name };
}

/**
 * Checks a literal resource ID against the expected type (case-insensitive, as Azure is).
 * Tokens pass through: they resolve at plan time.
 */
export function validateResourceId(
  constructPath: string,
  prop: string,
  id: string,
  expectedType: string | readonly string[],
  example: string,
): void {
  if (Token.isUnresolved(id)) return;
  const types = (typeof expectedType === "string" ? [expectedType] : expectedType).map((t) => t.toLowerCase());
  const parsed = typeof id === "string" ? parseResourceId(id) : undefined;
  const ok = parsed !== undefined && types.some((expected) =>
    expected === "resourcegroup" ? parsed.resourceGroup !== undefined && parsed.type === undefined : parsed.type?.toLowerCase() === expected);
  if (!ok) {
    const names = (typeof expectedType === "string" ? [expectedType] : expectedType).map((t) => (t === "resourceGroup" ? "resource group" : t));
    const untrimmed = typeof id === "string" && id !== id.trim() && parseResourceId(id.trim()) !== undefined;
    throw new AksIdentityError(
      constructPath,
      prop,
      id,
      `Expected the resource ID of a ${names.join(" or a ")}, like ${example}.`,
      untrimmed
        ? "remove the surrounding whitespace (Azure resource IDs have none)."
        : `pass the resource's \`id\` attribute (a reference) or its full ID, as \`az resource show --query id\` prints it.`,
    );
  }
}

/** Checks that a literal is a GUID (client, object and tenant IDs); tokens pass. */
export function validateGuid(constructPath: string, prop: string, value: unknown, what: string, fix: string): void {
  if (typeof value === "string" && (Token.isUnresolved(value) || isGuid(value))) return;
  throw new AksIdentityError(constructPath, prop, value, `Expected the ${what}, a GUID like 00000000-0000-0000-0000-000000000000.`, fix);
}

export const EXAMPLE_IDS = {
  subnet: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myVnet/subnets/mySubnet",
  virtualNetwork: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myVnet",
  routeTable: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/routeTables/myRouteTable",
  identity: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myIdentity",
  registry: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myRegistry",
  resourceGroup: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup",
} as const;
