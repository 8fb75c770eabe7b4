import type { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { AksIdentityError } from "../errors";
import type { IPrincipal } from "../grants/principal";
import type { RoleGrant } from "../grants/role-grant";
import { AddonContext, AddonDefinition, AddonGrantRequest, expectShape } from "./addon";
import { AddonIdentity } from "./addon-identity";
import { AddonKey, ADDONS, AddonsProps, IdentityAddonKey } from "./all";

/** What the add-ons need of the cluster once its resource exists. */
export interface ClusterAddonsHost {
  readonly resource: KubernetesCluster;
  /** The control plane's service principal, on a service-principal cluster. */
  readonly servicePrincipal?: IPrincipal;
  /** Adds an output `<cluster>_<name>`. */
  output(name: string, value: unknown, description: string): void;
  /** Makes the cluster order every grant to this identity, whichever API makes it. */
  adopt(identity: AddonIdentity): void;
  /** Makes one of an add-on's grants, to its identity (or the service principal): ordered and kept unique by the cluster. */
  grant(principal: IPrincipal, request: AddonGrantRequest, id: string): RoleGrant;
}

type Definition = AddonDefinition<string, unknown>;
const DEFINITIONS = ADDONS as readonly Definition[];
const KNOWN = DEFINITIONS.map((d) => d.key);

/** The add-on part of the cluster's configuration; validates the props and warns about retired add-ons. */
export function addonsConfig(ctx: AddonContext, props: AddonsProps | undefined): Partial<KubernetesClusterConfig> {
  if (props === undefined) return {};
  if (typeof props !== "object" || props === null) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: "addons",
      received: props,
      problem: "Expected an object of add-on settings.",
      fix: "pass e.g. { monitoring: { logAnalyticsWorkspace } }.",
    });
  }
  const unknown = Object.keys(props).filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `addons.${unknown[0]}`,
      received: props[unknown[0] as keyof AddonsProps],
      problem: `Known add-ons: ${KNOWN.join(", ")}.`,
      fix: "fix the name (azurerm's snake_case names are camelCase here, e.g. omsAgent is monitoring).",
    });
  }
  let config: Partial<KubernetesClusterConfig> = {};
  for (const addon of DEFINITIONS) {
    const p = propsOf(props, addon);
    if (p === undefined) continue;
    expectShape(ctx, addon.key, addon.takes, p);
    config = { ...config, ...addon.config(ctx, p) };
  }
  return config;
}

function propsOf(props: AddonsProps | undefined, addon: Definition): unknown {
  return (props as Record<string, unknown> | undefined)?.[addon.key];
}

/**
 * The identities AKS created for the cluster's add-ons, each a principal, the grants
 * made to them, and their outputs.
 */
export class ClusterAddons {
  /** Each enabled add-on's identity, by its `addons` prop: `cluster.addons.identities.monitoring`. */
  public readonly identities: Readonly<Partial<Record<IdentityAddonKey, AddonIdentity>>>;
  /** The grants the add-ons needed outside the node resource group. */
  public readonly grants: readonly RoleGrant[];
  private workloadIdentityOutput = false;

  constructor(private readonly host: ClusterAddonsHost, props: AddonsProps | undefined, ctx: AddonContext) {
    const grants: RoleGrant[] = [];
    const identities: Partial<Record<string, AddonIdentity>> = {};
    const grantContext = { ...ctx, clusterId: host.resource.id };
    for (const addon of DEFINITIONS) {
      const p = propsOf(props, addon);
      if (p === undefined || addon.identity === undefined) continue;
      const requests = addon.grants?.(grantContext, p) ?? [];
      const id = (r: AddonGrantRequest) => `${addon.idPrefix}-${r.grant.id}${r.key !== undefined ? `-${r.key}` : ""}`;
      if (host.servicePrincipal) {
        // No add-on identity exists to grant to, or to output: `<addon>_identity[0]` would be "Invalid index" at plan.
        if (requests.length > 0 && !addon.servicePrincipalGrants) {
          throw new AksIdentityError({
            path: ctx.path,
            prop: `addons.${addon.key}`,
            received: requests.map((r) => r.grant.role.name),
            problem: `On a service-principal cluster AKS makes no ${addon.catalog.name} identity to grant these roles to, and az aks grants them to nobody.`,
            fix: "migrate the cluster to a managed identity first (identity: ClusterIdentity.systemAssigned(), with ManagedIdentityMigration), or grant the roles yourself to the principal the add-on uses.",
          });
        }
        for (const r of requests) grants.push(host.grant(host.servicePrincipal, r, id(r)));
        continue;
      }
      const identity = new AddonIdentity(addon.catalog, ctx.clusterName, addon.identity.attributes(host.resource));
      identities[addon.key] = identity;
      host.adopt(identity);
      for (const r of requests) grants.push(host.grant(identity, r, id(r)));
      host.output(`${addon.identity.output}_identity`, { client_id: identity.clientId, object_id: identity.objectId, user_assigned_identity_id: identity.userAssignedIdentityId },
        `az aks show --query ${addon.identity.query}`);
    }
    this.identities = Object.freeze(identities);
    this.grants = grants;
    const afterHost = { resource: host.resource, output: host.output, enableWorkloadIdentity: () => this.enableWorkloadIdentity() };
    for (const addon of DEFINITIONS) {
      const p = propsOf(props, addon);
      if (p !== undefined) addon.afterCluster?.(afterHost, p, identities[addon.key]);
    }
  }

  /** Every add-on identity the cluster has. */
  public get all(): AddonIdentity[] {
    return Object.values(this.identities).filter((i): i is AddonIdentity => i !== undefined);
  }

  /** The identity of one add-on, or undefined when it is off (or has no identity). */
  public identityOf(key: AddonKey): AddonIdentity | undefined {
    return (this.identities as Partial<Record<string, AddonIdentity>>)[key];
  }

  /**
   * Turns on the OIDC issuer and workload identity (idempotent) and outputs the issuer
   * URL. The OIDC issuer cannot be turned off again without replacing the cluster.
   */
  public enableWorkloadIdentity(): string {
    const r = this.host.resource;
    r.oidcIssuerEnabled = true;
    r.workloadIdentityEnabled = true;
    if (!this.workloadIdentityOutput) {
      this.workloadIdentityOutput = true;
      this.host.output("oidc_issuer_url", r.oidcIssuerUrl, "az aks show --query oidcIssuerProfile.issuerUrl: the issuer federated credentials trust");
    }
    return r.oidcIssuerUrl;
  }
}
