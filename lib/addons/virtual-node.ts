import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { CatalogGrant, catalogRow, NODE_RESOURCE_GROUP } from "../catalog/row";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { resourceName, virtualNetworkIdOfSubnet } from "../private/id-parts";
import { EXAMPLE_IDS, validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import { Roles } from "../roles";
import { AddonContext, AddonDefinition, AddonGrantContext, AddonGrantRequest, firstIdentity } from "./addon";

/** `az aks enable-addons --addons virtual-node --subnet-name <subnet>` (the ACI connector). */
export interface VirtualNodeProps {
  /** A subnet of the cluster's VNet, delegated to Microsoft.ContainerInstance/containerGroups: a construct or its ID. */
  readonly subnet: GrantScope;
  /** The subnet's name, which is what azurerm takes. @default - from the subnet's ID or construct */
  readonly subnetName?: string;
  /** The subnet's VNet, for the `grant: "virtualNetwork"` grant. @default - taken from the subnet's ID */
  readonly virtualNetwork?: GrantScope;
  /**
   * Which grant the connector identity gets:
   * - "subnet": Network Contributor on the virtual-node subnet, what the AKS docs grant
   *   (aks-docs articles/aks/virtual-nodes-cli.md, "Grant permission to the managed identity");
   * - "virtualNetwork": Contributor on the subnet's VNet, what `az aks enable-addons` grants
   *   (azure-cli acs/addonconfiguration.py add_virtual_node_role_assignment), far broader.
   * @default "subnet"
   */
  readonly grant?: "virtualNetwork" | "subnet";
}

function config(ctx: AddonContext, props: VirtualNodeProps): Partial<KubernetesClusterConfig> {
  const prop = "addons.virtualNode";
  if (props.subnet === undefined) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `${prop}.subnet`,
      received: undefined,
      problem: "Virtual nodes run in a subnet of the cluster's VNet.",
      fix: "create a subnet delegated to Microsoft.ContainerInstance/containerGroups and pass it.",
    });
  }
  const subnetId = scopeId(props.subnet);
  validateScope(ctx.path, `${prop}.subnet`, props.subnet, "Microsoft.Network/virtualNetworks/subnets", EXAMPLE_IDS.subnet);
  if (props.virtualNetwork !== undefined) {
    validateScope(ctx.path, `${prop}.virtualNetwork`, props.virtualNetwork, "Microsoft.Network/virtualNetworks", EXAMPLE_IDS.virtualNetwork);
  }
  if (props.grant !== undefined && props.grant !== "virtualNetwork" && props.grant !== "subnet") {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `${prop}.grant`,
      received: props.grant,
      problem: "Allowed: \"virtualNetwork\" (as az aks) or \"subnet\".",
      fix: "use one of the allowed values.",
    });
  }
  if (ctx.nodeSubnet === undefined) {
    throw new AksIdentityError({
      path: ctx.path,
      prop,
      received: "a cluster without network.subnet",
      problem: "Virtual nodes need the cluster in your own VNet: the ACI connector places pods in a second subnet of that VNet.",
      fix: "set network.subnet (and plugin \"azure\") and give the virtual node another subnet of the same VNet.",
    });
  }
  if (ctx.networkPlugin !== undefined && ctx.networkPlugin !== "azure") {
    throw new AksIdentityError({
      path: ctx.path,
      prop: "network.plugin",
      received: ctx.networkPlugin,
      problem: "Virtual nodes need Azure CNI.",
      fix: "set network.plugin to \"azure\".",
    });
  }
  const clusterSubnetId = scopeId(ctx.nodeSubnet);
  if (props.subnet === ctx.nodeSubnet || (isLiteral(subnetId) && subnetId.toLowerCase() === clusterSubnetId.toLowerCase())) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `${prop}.subnet`,
      received: subnetId,
      problem: "The virtual-node subnet must differ from the nodes' subnet.",
      fix: "create a second subnet in the cluster's VNet for the virtual node.",
    });
  }
  if (isLiteral(subnetId) && isLiteral(clusterSubnetId) &&
    virtualNetworkIdOfSubnet(subnetId).toLowerCase() !== virtualNetworkIdOfSubnet(clusterSubnetId).toLowerCase()) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `${prop}.subnet`,
      received: subnetId,
      problem: `The virtual-node subnet must be in the cluster's VNet (${virtualNetworkIdOfSubnet(clusterSubnetId)}).`,
      fix: "create the subnet in the cluster's VNet.",
    });
  }
  const nameOfSubnet = resourceName(props.subnet);
  if (props.subnetName !== undefined && isLiteral(props.subnetName) && (!/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/.test(props.subnetName) ||
    (isLiteral(nameOfSubnet) && nameOfSubnet.toLowerCase() !== props.subnetName.toLowerCase()))) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `${prop}.subnetName`,
      received: props.subnetName,
      problem: isLiteral(nameOfSubnet) ? `It must name the subnet passed as subnet (${JSON.stringify(nameOfSubnet)}): the grant goes to that subnet's VNet.` : "Expected a subnet name: 1-80 letters, digits, underscores, periods and hyphens.",
      fix: isLiteral(nameOfSubnet) ? "omit subnetName (it is taken from the subnet's ID)." : "fix the name.",
    });
  }
  const subnetName = props.subnetName ?? nameOfSubnet;
  if (subnetName === undefined) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `${prop}.subnetName`,
      received: undefined,
      problem: "azurerm takes the virtual-node subnet by name, which a reference does not give.",
      fix: "pass the Subnet construct, its literal ID, or subnetName.",
    });
  }
  return { aciConnectorLinux: { subnetName } };
}

/** Network Contributor on the virtual-node subnet (the docs), or az aks's Contributor on its VNet when asked. */
function grants(_ctx: AddonGrantContext, props: VirtualNodeProps): AddonGrantRequest[] {
  if (props.grant === "virtualNetwork") return [{ grant: GRANTS.VirtualNetworkContributor, scope: props.virtualNetwork ?? virtualNetworkIdOfSubnet(scopeId(props.subnet)) }];
  return [{ grant: GRANTS.SubnetNetworkContributor, scope: props.subnet }];
}

const GRANTS = {
  VirtualNetworkContributor: {
    id: "VirtualNetworkContributor",
    role: Roles.CONTRIBUTOR,
    scope: "the VNet of the virtual-node subnet",
    scopeTypes: ["Microsoft.Network/virtualNetworks"],
    when: "`virtualNode.grant: \"virtualNetwork\"` (what `az aks enable-addons --addons virtual-node` grants; broader than the docs)",
    reason: "ACI connector places container groups in the virtual-node subnet of this VNet (the grant az aks makes)",
    source: "azure-cli acs/addonconfiguration.py add_virtual_node_role_assignment",
  },
  SubnetNetworkContributor: {
    id: "SubnetNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "the virtual-node subnet",
    scopeTypes: ["Microsoft.Network/virtualNetworks/subnets"],
    when: "`virtualNode` (default, as the AKS docs grant)",
    reason: "ACI connector places container groups in the virtual-node subnet",
    source: "aks-docs articles/aks/virtual-nodes-cli.md",
  },
} satisfies Record<string, CatalogGrant>;

/** Virtual nodes on Azure Container Instances (the ACI connector). */
export const VIRTUAL_NODE = {
  key: "virtualNode",
  takes: "settings",
  idPrefix: "VirtualNode",
  catalog: catalogRow({
    key: "virtualNode",
    kind: "addon",
    name: "Virtual-Node (ACIConnector)",
    identity: "`aciconnectorlinux-<cluster>`",
    useCase: "Manages required network resources for Azure Container Instances (ACI)",
    defaultPermissions: "Contributor role for node resource group",
    azurermName: "aci_connector_linux",
    aksDefaults: [
      { role: Roles.CONTRIBUTOR, scope: NODE_RESOURCE_GROUP, note: "virtual node; az aks also grants Contributor on the virtual-node subnet's VNet (in Terraform, this library's grant)" },
    ],
    bringYourOwn: "No",
    inArticle: true,
    order: 12,
    status: "supported",
    enableWith: "`addons.virtualNode: { subnet }` (a subnet of the cluster's VNet)",
    exportedIdentity: "`aci_connector_linux[0].connector_identity[0]`",
    grants: Object.values(GRANTS),
    note: "Needs Azure CNI and the cluster in your own VNet; the virtual-node subnet is delegated to Microsoft.ContainerInstance/containerGroups.",
  }),
  config,
  identity: {
    block: "aci_connector_linux",
    attribute: "connector_identity",
    output: "aci_connector_linux",
    query: "addonProfiles.aciConnectorLinux.identity",
    attributes: (resource) => firstIdentity(resource.aciConnectorLinux.connectorIdentity),
  },
  grants,
  servicePrincipalGrants: true,
} satisfies AddonDefinition<"virtualNode", VirtualNodeProps>;
