import { catalogRowOf, catalogRowOfAzurerm } from "../addons/all";
import { AksDefaultGrant, CatalogRow } from "../catalog/row";

/** A permission AKS gives an identity by itself, as the report prints it. */
export interface DefaultPermission {
  readonly role: string;
  /** Where, in words: AKS makes these itself, so there is no Terraform address. */
  readonly scope: string;
  readonly note?: string;
}

/** Identity kinds of ClusterIdentityInfo.defaultsKey that are catalog rows by themselves. */
const ROWS: Readonly<Record<string, string>> = { "control-plane": "controlPlane", "service-principal": "controlPlane", kubelet: "kubelet", workload: "workloadIdentity" };

/**
 * What AKS grants an identity kind by itself (`control-plane`, `service-principal`, `kubelet`,
 * `workload`, or `addon:<azurerm block>`), read from the catalog (lib/catalog and each add-on's row in lib/addons);
 * empty when AKS grants it nothing or the kind is unknown.
 */
export function defaultPermissionsFor(kind: string): readonly DefaultPermission[] {
  const row: CatalogRow | undefined = kind.startsWith("addon:") ? catalogRowOfAzurerm(kind.slice("addon:".length)) : ROWS[kind] ? catalogRowOf(ROWS[kind]) : undefined;
  const grants = (row?.aksDefaults ?? []).filter((g) => kind !== "service-principal" || !g.managedIdentityOnly);
  return grants.map(toPermission);
}

function toPermission(g: AksDefaultGrant): DefaultPermission {
  return g.note === undefined ? { role: g.role.name, scope: g.scope } : { role: g.role.name, scope: g.scope, note: g.note };
}
