import { NatGateway } from "@cdktf/provider-azurerm/lib/nat-gateway";
import { NatGatewayPublicIpAssociation } from "@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";
import { clusterNetwork } from "./own-network";

/**
 * Egress through your own NAT gateway (aks-docs nat-gateway.md, userAssignedNATGateway) and the
 * API server in your own VNet (api-server-vnet-integration.md, bring-your-own VNet): the NAT
 * gateway is attached to mySubnet before the cluster exists, and myIdentity gets Network
 * Contributor on mySubnet and on the API server subnet first. No grant on the NAT gateway: the
 * docs make none.
 *   az aks create -g myResourceGroup -n myManagedCluster --network-plugin azure \
 *     --vnet-subnet-id <mySubnet> --outbound-type userAssignedNATGateway \
 *     --enable-apiserver-vnet-integration --apiserver-subnet-id <myApiServerSubnet> --assign-identity <identity-id>
 */
export class NatGatewayEgressStack extends ArticleStack {
  public readonly identity: UserAssignedManagedIdentity;
  public readonly natGateway: NatGateway;
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "nat-gateway-egress") {
    super(scope, id);
    const rg = this.resourceGroup;
    const { vnet, subnet } = clusterNetwork(this);
    const apiServerSubnet = new Subnet(this, "myApiServerSubnet", {
      name: "myApiServerSubnet",
      resourceGroupName: rg.name,
      virtualNetworkName: vnet.name,
      addressPrefixes: ["10.1.8.0/28"],
      delegation: [{ name: "aks-apiserver", serviceDelegation: { name: "Microsoft.ContainerService/managedClusters" } }],
    });
    const natIp = new PublicIp(this, "myNatGatewayIp", { name: "myNatGatewayIp", resourceGroupName: rg.name, location: rg.location, allocationMethod: "Static", sku: "Standard" });
    this.natGateway = new NatGateway(this, "myNatGateway", { name: "myNatGateway", resourceGroupName: rg.name, location: rg.location, skuName: "Standard", idleTimeoutInMinutes: 4 });
    const natIpAssociation = new NatGatewayPublicIpAssociation(this, "myNatGatewayIpAssociation", { natGatewayId: this.natGateway.id, publicIpAddressId: natIp.id });
    this.identity = new UserAssignedManagedIdentity(this, ARTICLE.identity, { resourceGroupName: rg.name, location: rg.location });
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: rg,
      identity: ClusterIdentity.userAssigned(this.identity),
      network: {
        plugin: "azure",
        subnet,
        serviceCidr: "10.2.0.0/24",
        dnsServiceIp: "10.2.0.10",
        outboundType: "userAssignedNATGateway",
        natGateway: this.natGateway, // the cluster attaches it to mySubnet and waits for that
      },
      apiServer: { subnet: apiServerSubnet },
    });
    // Nodes need egress while they boot: the NAT gateway's public IP too.
    this.cluster.dependOn(natIpAssociation);
  }
}
