import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { App, TerraformStack } from "cdktf";
import { AksCluster, ClusterIdentity, RoleGrant, Roles, synthesizeApp, UserAssignedManagedIdentity } from "../../lib";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const RG = { name: "rg-scale", location: "westeurope" };

/**
 * One stack with `clusters` clusters, each the heaviest identity set-up the library has:
 * a user-assigned control-plane identity, a bring-your-own kubelet identity, a custom
 * subnet with a route table (userDefinedRouting), three registries and extra grants:
 * ten role assignments per cluster.
 */
export function buildScaleApp(app: App, clusters: number): TerraformStack {
  const stack = new TerraformStack(app, "scale");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const net = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
  for (let i = 0; i < clusters; i++) {
    const controlPlane = new UserAssignedManagedIdentity(stack, `cp-${i}`, { resourceGroupName: RG.name, location: RG.location });
    const kubelet = new UserAssignedManagedIdentity(stack, `kubelet-${i}`, { resourceGroupName: RG.name, location: RG.location });
    const cluster = new AksCluster(stack, `aks-${i}`, {
      resourceGroup: RG,
      identity: ClusterIdentity.userAssigned(controlPlane),
      kubeletIdentity: kubelet,
      network: {
        plugin: "azure",
        subnet: `${net}/virtualNetworks/vnet-${i}/subnets/aks`,
        routeTable: `${net}/routeTables/rt-${i}`,
        serviceCidr: "10.2.0.0/24",
        dnsServiceIp: "10.2.0.10",
        outboundType: "userDefinedRouting",
      },
      containerRegistries: ["acr-shared", "acr-team", `acr${i}`].map(
        (r) => `${SUB}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/${r.replace("-", "")}`),
    });
    cluster.grantOnVirtualNetwork(`${net}/virtualNetworks/vnet-${i}`);
    cluster.grantOnStaticIpResourceGroup(`${SUB}/resourceGroups/rg-ip-${i}`);
    cluster.grantOnDiskResourceGroup(`${SUB}/resourceGroups/rg-disk-${i}`);
    // A grant to the cluster's own identity is ordered by the cluster, whichever API makes it.
    new RoleGrant(cluster, "PrivateDnsZoneContributor", {
      principal: cluster.controlPlanePrincipal,
      role: Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR,
      scope: `${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io`,
      reason: "control plane writes the private cluster's API server record",
    });
  }
  return stack;
}

if (require.main === module) {
  const clusters = Number(process.argv[2] ?? "1");
  if (!Number.isInteger(clusters) || clusters < 1) throw new Error(`usage: scale <clusters>, got ${process.argv[2]}`);
  process.exitCode = synthesizeApp((app) => buildScaleApp(app, clusters)).exitCode;
}
