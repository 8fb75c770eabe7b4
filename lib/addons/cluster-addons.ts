import type { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { Annotations, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { AksIdentityError } from "../errors";
import { RoleGrant } from "../role-grant";
import { AddonContext, AddonGrantTarget } from "./addon";
import { AddonIdentity, AddonIdentityAttributes } from "./addon-identity";
import { CatalogKey, retiredWarning } from "./catalog";
import { grantIngressApplicationGateway, ingressApplicationGatewayConfig, ingressApplicationGatewayIdentity, IngressApplicationGatewayProps } from "./ingress-application-gateway";
import { grantKeyVaultSecretsProvider, keyVaultSecretsProviderConfig, keyVaultSecretsProviderIdentity, KeyVaultSecretsProviderProps } from "./key-vault-secrets-provider";
import { grantMonitoring, monitoringConfig, monitoringIdentity, MonitoringProps } from "./monitoring";
import { grantVirtualNode, virtualNodeConfig, virtualNodeIdentity, VirtualNodeProps } from "./virtual-node";
import { grantWebAppRouting, webAppRoutingConfig, webAppRoutingIdentity, WebAppRoutingProps } from "./web-app-routing";

/**
 * The cluster's add-ons, each row of the article's table that has a switch. Add-ons that
 * reach resources outside the node resource group get the grants `az aks` would make,
 * to their own identity, after the cluster exists.
 */
export interface AddonsProps {
  /** Application Gateway Ingress Controller (AGIC). @default - off */
  readonly ingressApplicationGateway?: IngressApplicationGatewayProps;
  /** Container Insights (omsagent). @default - off */
  readonly monitoring?: MonitoringProps;
  /** Virtual nodes on Azure Container Instances (ACI connector). @default - off */
  readonly virtualNode?: VirtualNodeProps;
  /** Secrets Store CSI driver for Key Vault. @default - off */
  readonly keyVaultSecretsProvider?: KeyVaultSecretsProviderProps;
  /** Web application routing (managed NGINX ingress). @default - off */
  readonly webAppRouting?: WebAppRoutingProps;
  /** Azure Policy and its gatekeeper (no identity). @default false */
  readonly azurePolicy?: boolean;
  /** OIDC issuer and workload identity (`--enable-oidc-issuer --enable-workload-identity`). @default false */
  readonly workloadIdentity?: boolean;
  /**
   * HTTP application routing, retired by AKS: sets `http_application_routing_enabled`
   * and warns. Use `webAppRouting`.
   * @deprecated
   */
  readonly httpApplicationRouting?: boolean;
  /**
   * The Kubernetes dashboard add-on, removed by AKS and azurerm: ignored with a warning.
   * @deprecated
   */
  readonly dashboard?: boolean;
}

/** Add-ons whose identity azurerm exports. */
type IdentityAddon = "ingressApplicationGateway" | "omsAgent" | "virtualNode" | "keyVaultSecretsProvider" | "webAppRouting";

interface AddonSpec<P> {
  readonly key: IdentityAddon;
  readonly prop: keyof AddonsProps;
  /** Output name stem: `<cluster>_<output>_identity`. */
  readonly output: string;
  /** Where `az aks show` prints the identity. */
  readonly query: string;
  config(ctx: AddonContext, props: P): Partial<KubernetesClusterConfig>;
  identity(resource: KubernetesCluster): AddonIdentityAttributes;
  grant(target: AddonGrantTarget, identity: AddonIdentity, props: P, path: string): RoleGrant[];
}

const SPECS: readonly AddonSpec<never>[] = [
  { key: "ingressApplicationGateway", prop: "ingressApplicationGateway", output: "ingress_application_gateway", query: "addonProfiles.ingressApplicationGateway.identity",
    config: ingressApplicationGatewayConfig, identity: ingressApplicationGatewayIdentity, grant: grantIngressApplicationGateway } as AddonSpec<IngressApplicationGatewayProps>,
  { key: "omsAgent", prop: "monitoring", output: "oms_agent", query: "addonProfiles.omsagent.identity",
    config: monitoringConfig, identity: monitoringIdentity, grant: grantMonitoring } as AddonSpec<MonitoringProps>,
  { key: "virtualNode", prop: "virtualNode", output: "aci_connector_linux", query: "addonProfiles.aciConnectorLinux.identity",
    config: virtualNodeConfig, identity: virtualNodeIdentity, grant: grantVirtualNode } as AddonSpec<VirtualNodeProps>,
  { key: "keyVaultSecretsProvider", prop: "keyVaultSecretsProvider", output: "key_vault_secrets_provider", query: "addonProfiles.azureKeyvaultSecretsProvider.identity",
    config: keyVaultSecretsProviderConfig, identity: keyVaultSecretsProviderIdentity, grant: grantKeyVaultSecretsProvider } as AddonSpec<KeyVaultSecretsProviderProps>,
  { key: "webAppRouting", prop: "webAppRouting", output: "web_app_routing", query: "ingressProfile.webAppRouting.identity",
    config: webAppRoutingConfig, identity: webAppRoutingIdentity, grant: grantWebAppRouting } as AddonSpec<WebAppRoutingProps>,
] as unknown as AddonSpec<never>[];

const KNOWN_PROPS: readonly string[] = [...SPECS.map((s) => s.prop), "azurePolicy", "workloadIdentity", "httpApplicationRouting", "dashboard"];

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
  const unknown = Object.keys(props).filter((k) => !KNOWN_PROPS.includes(k));
  if (unknown.length > 0) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `addons.${unknown[0]}`,
      received: props[unknown[0] as keyof AddonsProps],
      problem: `Known add-ons: ${KNOWN_PROPS.join(", ")}.`,
      fix: "fix the name (azurerm's snake_case names are camelCase here, e.g. omsAgent is monitoring).",
    });
  }
  for (const flag of ["azurePolicy", "workloadIdentity", "httpApplicationRouting", "dashboard"] as const) {
    if (props[flag] !== undefined && typeof props[flag] !== "boolean") {
      throw new AksIdentityError({
        path: ctx.path,
        prop: `addons.${flag}`,
        received: props[flag],
        problem: "Expected true or false.",
        fix: `set addons.${flag}: true to enable it.`,
      });
    }
  }
  let config: Partial<KubernetesClusterConfig> = {};
  for (const spec of SPECS) {
    const p = props[spec.prop];
    if (p === undefined) continue;
    if (typeof p !== "object" || p === null) {
      throw new AksIdentityError({
        path: ctx.path,
        prop: `addons.${spec.prop}`,
        received: p,
        problem: "Expected the add-on's settings object.",
        fix: `pass addons.${spec.prop}: { ... }.`,
      });
    }
    config = { ...config, ...spec.config(ctx, p as never) };
  }
  if (props.azurePolicy) config = { ...config, azurePolicyEnabled: true };
  if (props.workloadIdentity) config = { ...config, oidcIssuerEnabled: true, workloadIdentityEnabled: true };
  if (props.httpApplicationRouting) {
    Annotations.of(ctx.scope).addWarning(`${retiredWarning("httpApplicationRouting", ctx.path, "addons.httpApplicationRouting")} http_application_routing_enabled is set as asked, but AKS may reject it.`);
    config = { ...config, httpApplicationRoutingEnabled: true };
  }
  if (props.dashboard) {
    Annotations.of(ctx.scope).addWarning(`${retiredWarning("dashboard", ctx.path, "addons.dashboard")} The prop is ignored: remove it.`);
  }
  return config;
}

/** What the add-ons need of `AksCluster` once its resource exists. */
export type AddonHost = AddonGrantTarget & Construct & { readonly name: string };

/**
 * The identities AKS created for the cluster's add-ons, each a principal, the grants
 * made to them, and their outputs.
 */
export class ClusterAddons {
  public readonly ingressApplicationGateway?: AddonIdentity;
  /** The omsagent identity (monitoring). */
  public readonly omsAgent?: AddonIdentity;
  /** The ACI connector identity (virtual node). */
  public readonly virtualNode?: AddonIdentity;
  public readonly keyVaultSecretsProvider?: AddonIdentity;
  public readonly webAppRouting?: AddonIdentity;
  /** The grants the add-ons needed outside the node resource group. */
  public readonly grants: readonly RoleGrant[];
  private workloadIdentityOutput = false;

  constructor(private readonly host: AddonHost, props: AddonsProps | undefined, private readonly outputPrefix: string) {
    const grants: RoleGrant[] = [];
    const identities: Partial<Record<IdentityAddon, AddonIdentity>> = {};
    for (const spec of SPECS) {
      const p = props?.[spec.prop];
      if (p === undefined) continue;
      const identity = new AddonIdentity(spec.key, host.name, spec.identity(host.resource));
      identities[spec.key] = identity;
      grants.push(...spec.grant(host, identity, p as never, host.node.path));
      this.output(`${spec.output}_identity`, { client_id: identity.clientId, object_id: identity.objectId, user_assigned_identity_id: identity.userAssignedIdentityId },
        `az aks show --query ${spec.query}`);
    }
    this.ingressApplicationGateway = identities.ingressApplicationGateway;
    this.omsAgent = identities.omsAgent;
    this.virtualNode = identities.virtualNode;
    this.keyVaultSecretsProvider = identities.keyVaultSecretsProvider;
    this.webAppRouting = identities.webAppRouting;
    this.grants = grants;
    if (props?.httpApplicationRouting) {
      this.output("http_application_routing_zone_name", host.resource.httpApplicationRoutingZoneName, "the retired add-on's DNS zone; azurerm exports no identity for it");
    }
    if (props?.workloadIdentity) this.enableWorkloadIdentity();
  }

  /** Every add-on identity the cluster has. */
  public get all(): AddonIdentity[] {
    return [this.ingressApplicationGateway, this.omsAgent, this.virtualNode, this.keyVaultSecretsProvider, this.webAppRouting].filter((i): i is AddonIdentity => i !== undefined);
  }

  /** The identity of one add-on, or undefined when it is off. */
  public identityOf(key: CatalogKey): AddonIdentity | undefined {
    return this.all.find((i) => i.addon === key);
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
      this.output("oidc_issuer_url", r.oidcIssuerUrl, "az aks show --query oidcIssuerProfile.issuerUrl: the issuer federated credentials trust");
    }
    return r.oidcIssuerUrl;
  }

  private output(name: string, value: unknown, description: string): void {
    const o = new TerraformOutput(this.host, `Output-${name}`, { value, description });
    o.overrideLogicalId(`${this.outputPrefix}_${name}`);
  }
}
