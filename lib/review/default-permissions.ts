import { AksDefaultGrant, catalogRowOfAzurerm, CatalogKey, MANAGED_IDENTITY_CATALOG, ManagedIdentityEntry } from "../addons/catalog";

/** A permission AKS gives an identity by itself, as the report prints it. */
export interface DefaultPermission {
  readonly role: string;
  /** Where, in words: AKS makes these itself, so there is no Terraform address. */
  readonly scope: string;
  readonly note?: string;
}

/** Identity kinds of ClusterIdentityInfo.defaultsKey that are catalog rows by themselves. */
const ROWS: Readonly<Record<string, CatalogKey>> = { "control-plane": "controlPlane", "service-principal": "controlPlane", kubelet: "kubelet", workload: "workloadIdentity" };

/**
 * What AKS grants an identity kind by itself (`control-plane`, `service-principal`, `kubelet`,
 * `workload`, or `addon:<azurerm block>`), read from the catalog (lib/addons/catalog.ts);
 * empty when AKS grants it nothing or the kind is unknown.
 */
export function defaultPermissionsFor(kind: string): readonly DefaultPermission[] {
  const row: ManagedIdentityEntry | undefined = kind.startsWith("addon:") ? catalogRowOfAzurerm(kind.slice("addon:".length)) : ROWS[kind] ? MANAGED_IDENTITY_CATALOG[ROWS[kind]] : undefined;
  const grants = (row?.aksDefaults ?? []).filter((g) => kind !== "service-principal" || !g.managedIdentityOnly);
  return grants.map(toPermission);
}

function toPermission(g: AksDefaultGrant): DefaultPermission {
  return g.note === undefined ? { role: g.role.name, scope: g.scope } : { role: g.role.name, scope: g.scope, note: g.note };
}
