import type { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { Construct } from "constructs";
import type { ClusterNetworkProps } from "../cluster";
import { IPrincipal } from "../principal";
import { GrantScope, RoleGrant } from "../role-grant";
import { BuiltInRole } from "../roles";
import { AddonIdentity } from "./addon-identity";
import { CatalogKey, catalogGrant } from "./catalog";

/** What an add-on sees of the cluster while its configuration is built (before the cluster resource exists). */
export interface AddonContext {
  /** The cluster construct: warnings are attached to it. */
  readonly scope: Construct;
  readonly path: string;
  readonly clusterName: string;
  readonly network: ClusterNetworkProps;
}

/** What an add-on needs to grant its identity roles once the cluster resource exists. */
export interface AddonGrantTarget {
  readonly resource: KubernetesCluster;
  grantAddon(id: string, principal: IPrincipal, role: BuiltInRole, scope: GrantScope, reason: string): RoleGrant;
}

/** Construct-id prefix of an add-on's grants and outputs: `IngressApplicationGateway`. */
export function addonIdPrefix(key: CatalogKey): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** One of the catalog's grants for an add-on identity, with the catalog's role and reason. */
export function grantFromCatalog(target: AddonGrantTarget, identity: AddonIdentity, grantId: string, scope: GrantScope, key?: string): RoleGrant {
  const g = catalogGrant(identity.addon, grantId);
  return target.grantAddon(`${addonIdPrefix(identity.addon)}-${grantId}${key !== undefined ? `-${key}` : ""}`, identity, g.role, scope, g.reason);
}
