import { CONTROL_PLANE_ROW } from "../catalog/control-plane";
import { KUBELET_ROW } from "../catalog/kubelet";
import { OTHER_ROWS } from "../catalog/other-rows";
import { CatalogRow } from "../catalog/row";
import { AddonDefinition } from "./addon";
import { AZURE_POLICY } from "./azure-policy";
import { DASHBOARD } from "./dashboard";
import { HTTP_APPLICATION_ROUTING } from "./http-application-routing";
import { INGRESS_APPLICATION_GATEWAY, IngressApplicationGatewayProps } from "./ingress-application-gateway";
import { KEY_VAULT_SECRETS_PROVIDER, KeyVaultSecretsProviderProps } from "./key-vault-secrets-provider";
import { MONITORING, MonitoringProps } from "./monitoring";
import { VIRTUAL_NODE, VirtualNodeProps } from "./virtual-node";
import { WEB_APP_ROUTING, WebAppRoutingProps } from "./web-app-routing";
import { WORKLOAD_IDENTITY } from "./workload-identity";

/**
 * Every add-on, in the order the cluster applies them. The cluster's props, its add-on
 * identities and outputs, the README table and the identity report all read this list.
 */
export const ADDONS = [
  INGRESS_APPLICATION_GATEWAY,
  MONITORING,
  VIRTUAL_NODE,
  KEY_VAULT_SECRETS_PROVIDER,
  WEB_APP_ROUTING,
  AZURE_POLICY,
  HTTP_APPLICATION_ROUTING,
  DASHBOARD,
  WORKLOAD_IDENTITY,
] as const;

export type AnyAddon = (typeof ADDONS)[number];
export type AddonKey = AnyAddon["key"];
/** Add-ons whose identity azurerm exports. */
export type IdentityAddonKey = Extract<AnyAddon, { identity: object }>["key"];

/**
 * The cluster's add-ons, each row of the article's table that has a switch. Add-ons that
 * reach resources outside the node resource group get the grants `az aks` would make,
 * to their own identity, after the cluster exists. A type test keeps these keys equal to
 * {@link ADDONS} and each prop's type equal to its definition's.
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
  /** OIDC issuer and workload identity (`--enable-oidc-issuer --enable-workload-identity`). @default false */
  readonly workloadIdentity?: boolean;
}

/** The props type of one add-on definition. */
export type PropsOf<D> = D extends AddonDefinition<string, infer P> ? P : never;

/** azurerm add-on block -> the identity list it exports, for add-ons whose identity azurerm exports. */
export const ADDON_IDENTITY_BLOCKS: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(
  ADDONS.flatMap((a): [string, string][] => ("identity" in a && a.identity ? [[a.identity.block, a.identity.attribute]] : []))));

/** The article's "Summary of managed identities" table, row by row, in table order: the static rows and each add-on's. */
export const CATALOG_ROWS: readonly CatalogRow[] = Object.freeze(
  [CONTROL_PLANE_ROW, KUBELET_ROW, ...OTHER_ROWS, ...ADDONS.map((a) => a.catalog)].sort((a, b) => a.order - b.order));

/** A catalog row by key. */
export function catalogRowOf(key: string): CatalogRow | undefined {
  return CATALOG_ROWS.find((r) => r.key === key);
}

/** The row of an add-on by its azurerm block or flag name (`oms_agent`, `http_application_routing`). */
export function catalogRowOfAzurerm(name: string): CatalogRow | undefined {
  return CATALOG_ROWS.find((r) => r.azurermName === name);
}
