import type { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { IConstruct } from "constructs";
import { AksIdentityError } from "../errors";
import { CatalogGrant, CatalogRow } from "../catalog/row";
import { GrantScope } from "../grant-scope";
import type { AddonIdentity, AddonIdentityAttributes } from "./addon-identity";

/** What an add-on sees of the cluster while its configuration is built (before the cluster resource exists). */
export interface AddonContext {
  /** The cluster construct: warnings are attached to it. */
  readonly scope: IConstruct;
  readonly path: string;
  readonly clusterName: string;
  /** The nodes' subnet (`network.subnet`), when the cluster is in your own VNet. */
  readonly nodeSubnet?: GrantScope;
  /** `network.plugin` as given. */
  readonly networkPlugin?: string;
  /**
   * True when the control plane is a service principal: AKS makes no add-on identities then
   * (azurerm returns an empty identity list, kubernetes_addons.go), and the add-ons act as
   * the service principal.
   */
  readonly servicePrincipal: boolean;
  /** True when another add-on is on too (web app routing's Key Vault certificates need the secrets provider). */
  readonly addonEnabled?: (key: string) => boolean;
}

/** Whether the `addons` prop turns an add-on on: given, and not `false`. */
export function addonEnabledIn(addons: object | undefined): (key: string) => boolean {
  return (key) => {
    const value = (addons as Record<string, unknown> | undefined)?.[key];
    return value !== undefined && value !== null && value !== false;
  };
}

/** What an add-on sees once the cluster resource exists, to ask for its grants. */
export interface AddonGrantContext extends AddonContext {
  /** The cluster's resource ID (a reference). */
  readonly clusterId: string;
}

/** A grant an add-on's identity needs: a catalog entry on a scope, with a static key when there can be several. */
export interface AddonGrantRequest {
  readonly grant: CatalogGrant;
  readonly scope: GrantScope;
  readonly key?: string;
}

/** Where azurerm exports an add-on's identity, and how `az aks show` names it. */
export interface AddonIdentitySpec {
  /** The add-on's azurerm block: `oms_agent`. */
  readonly block: string;
  /** The identity list inside it: `oms_agent_identity`. */
  readonly attribute: string;
  /** Output name stem: `<cluster>_<output>_identity`. */
  readonly output: string;
  /** Where `az aks show` prints the identity. */
  readonly query: string;
  /** The identity's attributes on the cluster resource. */
  attributes(resource: KubernetesCluster): AddonIdentityAttributes;
}

/** The first entry of an add-on's exported identity list (azurerm exports it as a one-element list). */
export function firstIdentity(list: { get(index: number): AddonIdentityAttributes }): AddonIdentityAttributes {
  const i = list.get(0);
  return { clientId: i.clientId, objectId: i.objectId, userAssignedIdentityId: i.userAssignedIdentityId };
}

/** What an add-on may do once the cluster resource exists. */
export interface AddonHost {
  readonly resource: KubernetesCluster;
  /** Adds an output `<cluster>_<name>`. */
  output(name: string, value: unknown, description: string): void;
  /** Turns on the OIDC issuer and workload identity; returns the issuer URL. */
  enableWorkloadIdentity(): string;
}

/**
 * One add-on, in one module: its row of the article's table, how its props become the
 * cluster's configuration, the identity AKS makes for it, and the grants that identity
 * needs. The cluster, its outputs and the identity report read add-ons from the list in
 * `./all.ts`, so an add-on is this definition plus one entry there.
 */
export interface AddonDefinition<K extends string, P> {
  /** The `addons` prop that turns it on. */
  readonly key: K;
  /** What the prop takes: a switch (`true`) or a settings object; checked before `config`. */
  readonly takes: "switch" | "settings";
  readonly catalog: CatalogRow;
  /** Construct-id prefix of its grants (part of their Terraform addresses, so never renamed). */
  readonly idPrefix: string;
  /** Validates the props; the cluster configuration that turns the add-on on. */
  config(ctx: AddonContext, props: P): Partial<KubernetesClusterConfig>;
  /** The identity AKS creates for it, when azurerm exports one. */
  readonly identity?: AddonIdentitySpec;
  /** The grants its identity needs outside the node resource group. */
  grants?(ctx: AddonGrantContext, props: P): AddonGrantRequest[];
  /**
   * On a service-principal cluster the grants go to the service principal, as `az aks` does
   * for this add-on (azure-cli acs/addonconfiguration.py add_*_role_assignment: the service
   * principal branch comes first). Otherwise the add-on's grants are an error there.
   */
  readonly servicePrincipalGrants?: boolean;
  /** What it adds once the cluster resource exists (outputs, key vault access policies), given its identity when it has one. */
  afterCluster?(host: AddonHost, props: P, identity?: AddonIdentity): void;
}

/** Checks that an add-on prop has the shape its definition takes. */
export function expectShape(ctx: AddonContext, key: string, takes: "switch" | "settings", value: unknown): void {
  if (takes === "switch" && typeof value !== "boolean") {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `addons.${key}`,
      received: value,
      problem: "Expected true or false.",
      fix: `set addons.${key}: true to enable it.`,
    });
  }
  if (takes === "settings" && (typeof value !== "object" || value === null)) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `addons.${key}`,
      received: value,
      problem: "Expected the add-on's settings object.",
      fix: `pass addons.${key}: { ... }.`,
    });
  }
}
