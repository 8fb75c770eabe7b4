import { BuiltInRole } from "../roles";
import { IdentityKind } from "./identity-kinds";

/**
 * - `supported`: the library enables it and makes its grants.
 * - `no-identity`: AKS runs it without an identity; nothing to grant.
 * - `retired`: AKS retired it; enabling it warns and names the replacement.
 * - `deprecated`: still usable, replaced by something else.
 */
export type CatalogStatus = "supported" | "no-identity" | "retired" | "deprecated";

/** One role assignment the library makes for an identity: what, on what, when, why, and where that is documented. */
export interface CatalogGrant {
  /** Construct-id stem of the grant: part of its Terraform address, so never renamed. */
  readonly id: string;
  readonly role: BuiltInRole;
  /** The scope, in words. */
  readonly scope: string;
  /** The ARM types the scope may be, checked at synth (`resourceGroup` for a resource group). */
  readonly scopeTypes: readonly string[];
  /** The prop or method that asks for it, as the README and errors name it. */
  readonly when: string;
  /** Why it exists: the start of the role assignment's description. */
  readonly reason: string;
  /** Where the need is documented: an AKS docs or azure-cli source path. */
  readonly source: string;
}

/**
 * A role assignment AKS (the resource provider) makes for the identity by itself: the
 * article's "Default permissions" column, structured. The identity report lists them. Grants
 * `az aks` makes from the command line are not here: in Terraform nobody makes them unless
 * this library does (`grants`), and then they are ordinary role assignments.
 */
export interface AksDefaultGrant {
  readonly role: BuiltInRole;
  /** Where, in words: AKS makes it, so there is no Terraform address. */
  readonly scope: string;
  readonly note?: string;
  /** Only for a managed identity: AKS gives a service principal nothing, it holds what its owner gave it. */
  readonly managedIdentityOnly?: boolean;
}

/** One row of the article's "Summary of managed identities" table, with what is true today and what this library grants. */
export interface CatalogRow {
  /** Unique key: `controlPlane`, `kubelet`, or an add-on's `addons` prop name. */
  readonly key: string;
  readonly kind: IdentityKind;
  /** The article's "Identity Name" column (for add-ons, the add-on's name). */
  readonly name: string;
  /** The managed identity AKS creates for it today, `<cluster>` standing for the cluster's name. */
  readonly identity: string;
  /** The article's "Use case" column. */
  readonly useCase: string;
  /** The article's "Default permissions" column: what AKS gives the identity by itself. */
  readonly defaultPermissions: string;
  /** The same, structured (what the identity report lists); empty for "NA". */
  readonly aksDefaults: readonly AksDefaultGrant[];
  /** The azurerm_kubernetes_cluster block (or `<name>_enabled` flag) that turns the add-on on. */
  readonly azurermName?: string;
  /** The article's "Bring your own identity" column, corrected where today differs. */
  readonly bringYourOwn: string;
  /** False for rows this library adds beyond the article's table. */
  readonly inArticle: boolean;
  /** Position in the README's table: the article's rows in its order, the library's own among them. */
  readonly order: number;
  readonly status: CatalogStatus;
  /** For retired and deprecated rows: what to use instead. */
  readonly replacement?: string;
  /** How to turn it on with this library. */
  readonly enableWith: string;
  /** The azurerm attribute that exports the identity. */
  readonly exportedIdentity?: string;
  readonly grants: readonly CatalogGrant[];
  /** Where today differs from the article, or what else to know. */
  readonly note?: string;
}

/** The row's grant of that id; throws on a typo, so code cannot drift from the catalog. */
export function grantOf(row: CatalogRow, grantId: string): CatalogGrant {
  const g = row.grants.find((x) => x.id === grantId);
  if (!g) throw new Error(`catalog row ${row.key} has no grant ${grantId}`);
  return g;
}

/** The columns of a row for an add-on that needs no identity. */
export const NO_IDENTITY = Object.freeze({ identity: "none", useCase: "No identity required", defaultPermissions: "NA", aksDefaults: [], bringYourOwn: "No", inArticle: true, grants: [] });

/** The node resource group, as the default-permission rows name it. */
export const NODE_RESOURCE_GROUP = "node resource group (MC_...)";

/** Freezes a row and its nested lists. */
export function catalogRow<R extends CatalogRow>(row: R): R {
  for (const g of row.grants) Object.freeze(g);
  return Object.freeze(row);
}
