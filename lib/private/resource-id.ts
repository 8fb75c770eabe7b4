import { Token } from "cdktf";
import { AksIdentityError } from "../errors";
import type { GrantScope } from "../grant-scope";

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
    throw new AksIdentityError({
      path: constructPath,
      prop,
      received: id,
      problem: `Expected the resource ID of a ${names.join(" or a ")}, like ${example}.`,
      fix: untrimmed
        ? "remove the surrounding whitespace (Azure resource IDs have none)."
        : `pass the resource's \`id\` attribute (a reference) or its full ID, as \`az resource show --query id\` prints it.`,
    });
  }
}

/** The Terraform types (resource and data source) of the ARM types that props take as constructs. */
const TERRAFORM_TYPES: Readonly<Record<string, readonly string[]>> = {
  "microsoft.network/virtualnetworks/subnets": ["azurerm_subnet"],
  "microsoft.network/virtualnetworks": ["azurerm_virtual_network"],
  "microsoft.network/routetables": ["azurerm_route_table"],
  "microsoft.managedidentity/userassignedidentities": ["azurerm_user_assigned_identity"],
  "microsoft.containerregistry/registries": ["azurerm_container_registry"],
  "microsoft.operationalinsights/workspaces": ["azurerm_log_analytics_workspace"],
  "microsoft.network/applicationgateways": ["azurerm_application_gateway"],
  "microsoft.keyvault/vaults": ["azurerm_key_vault"],
  "microsoft.network/dnszones": ["azurerm_dns_zone"],
  "microsoft.network/privatednszones": ["azurerm_private_dns_zone"],
  "microsoft.network/publicipaddresses": ["azurerm_public_ip"],
  "microsoft.network/publicipprefixes": ["azurerm_public_ip_prefix"],
  "microsoft.network/natgateways": ["azurerm_nat_gateway"],
  "microsoft.compute/capacityreservationgroups": ["azurerm_capacity_reservation_group"],
  "microsoft.compute/hostgroups": ["azurerm_dedicated_host_group"],
  "microsoft.compute/diskencryptionsets": ["azurerm_disk_encryption_set"],
  resourcegroup: ["azurerm_resource_group"],
};

/** The Terraform type of a resource or data source construct passed as a scope; undefined for an ID. */
export function terraformTypeOf(scope: GrantScope): string | undefined {
  const type = typeof scope === "object" && scope !== null ? (scope as { terraformResourceType?: unknown }).terraformResourceType : undefined;
  return typeof type === "string" ? type : undefined;
}

/**
 * validateResourceId for a prop that takes a construct or an ID: a construct's ID is a
 * reference that only resolves at plan time, so its Terraform type is checked instead
 * (a storage account passed as a Log Analytics workspace fails here, not in the apply).
 */
export function validateScope(constructPath: string, prop: string, scope: GrantScope, expectedType: string | readonly string[], example: string): void {
  const types = typeof expectedType === "string" ? [expectedType] : expectedType;
  const tfType = terraformTypeOf(scope);
  const allowed = types.flatMap((t) => TERRAFORM_TYPES[t.toLowerCase()] ?? []);
  if (tfType !== undefined && allowed.length > 0 && !allowed.includes(tfType)) {
    const path = (scope as { node?: { path?: string } }).node?.path;
    throw new AksIdentityError({
      path: constructPath,
      prop,
      received: `the ${tfType} ${path ?? "construct"}`,
      problem: `Expected a ${types.map((t) => (t === "resourceGroup" ? "resource group" : t)).join(" or a ")}: an ${allowed.join(" or ")} construct, or an ID like ${example}.`,
      fix: "pass the right resource (or its `id`).",
    });
  }
  validateResourceId(constructPath, prop, typeof scope === "string" ? scope : typeof scope === "object" && scope !== null ? scope.id : (scope as unknown as string), expectedType, example);
}

/** Checks that a literal is a GUID (client, object and tenant IDs); tokens pass. */
export function validateGuid(constructPath: string, prop: string, value: unknown, what: string, fix: string): void {
  if (typeof value === "string" && (Token.isUnresolved(value) || isGuid(value))) return;
  throw new AksIdentityError({
    path: constructPath,
    prop,
    received: value,
    problem: `Expected the ${what}, a GUID like 00000000-0000-0000-0000-000000000000.`,
    fix,
  });
}

/** An example ID of an ARM type (or `resourceGroup`), for error messages. */
export function exampleIdOf(type: string): string {
  const t = type.toLowerCase();
  const sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
  if (t === "resourcegroup") return EXAMPLE_IDS.resourceGroup;
  const known = Object.values(EXAMPLE_IDS).find((id) => parseResourceId(id)?.type?.toLowerCase() === t);
  return known ?? `${sub}/resourceGroups/myResourceGroup/providers/${type}/myResource`;
}

export const EXAMPLE_IDS = {
  subnet: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myVnet/subnets/mySubnet",
  virtualNetwork: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myVnet",
  routeTable: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/routeTables/myRouteTable",
  identity: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myIdentity",
  registry: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myRegistry",
  resourceGroup: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup",
} as const;
