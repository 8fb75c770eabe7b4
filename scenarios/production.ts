import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { DiskEncryptionSet } from "@cdktf/provider-azurerm/lib/disk-encryption-set";
import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { KeyVaultKey } from "@cdktf/provider-azurerm/lib/key-vault-key";
import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { NatGateway } from "@cdktf/provider-azurerm/lib/nat-gateway";
import { NatGatewayPublicIpAssociation } from "@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNatGatewayAssociation } from "@cdktf/provider-azurerm/lib/subnet-nat-gateway-association";
import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, externalPrincipal, Roles, UserAssignedManagedIdentity, WorkloadIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";
import { clusterNetwork } from "./own-network";

/**
 * One cluster the way a platform team ships it, every identity-dependent feature at once:
 * a private cluster with its own DNS zone and API server subnet, egress through a NAT gateway,
 * a system pool and an apps pool each in its own node and pod subnet (least-privilege subnet
 * roles), KMS and customer-managed disk keys, Microsoft Entra ID with Azure RBAC and no local
 * accounts, a bring-your-own kubelet identity pulling from a registry, Container Insights,
 * web application routing with Key Vault certificates, and two workload identities.
 * Every grant comes from the library; the stack only creates the resources.
 */
export class ProductionStack extends ArticleStack {
  public readonly identity: UserAssignedManagedIdentity;
  public readonly kubeletIdentity: UserAssignedManagedIdentity;
  public readonly keyVault: KeyVault;
  public readonly appKeyVault: KeyVault;
  public readonly registry: ContainerRegistry;
  public readonly cluster: AksCluster;
  public readonly workloads: readonly WorkloadIdentity[];

  constructor(scope: Construct, id = "production") {
    super(scope, id);
    const rg = this.resourceGroup;
    const at = { resourceGroupName: rg.name, location: rg.location };
    const client = new DataAzurermClientConfig(this, "client");
    const input = (name: string, description: string) => new TerraformVariable(this, name, { type: "string", description }).stringValue;

    // Network: nodes and pods of each pool in their own subnets, a delegated /28 for the API server.
    const { vnet, subnet } = clusterNetwork(this);
    const inVnet = (name: string, prefix: string, delegation?: string) => new Subnet(this, name, {
      name, resourceGroupName: rg.name, virtualNetworkName: vnet.name, addressPrefixes: [prefix],
      delegation: delegation === undefined ? undefined : [{ name: "aks-apiserver", serviceDelegation: { name: delegation } }],
    });
    const podSubnet = inVnet("myPodSubnet", "10.1.64.0/18");
    const appsSubnet = inVnet("myAppsSubnet", "10.1.4.0/22");
    const appsPodSubnet = inVnet("myAppsPodSubnet", "10.1.128.0/18");
    const apiServerSubnet = inVnet("myApiServerSubnet", "10.1.8.0/28", "Microsoft.ContainerService/managedClusters");

    // Egress: one NAT gateway for every node and pod subnet (the cluster attaches it to mySubnet itself).
    const natGateway = new NatGateway(this, "myNatGateway", { name: "myNatGateway", ...at, skuName: "Standard", idleTimeoutInMinutes: 4 });
    const natIp = new PublicIp(this, "myNatGatewayIp", { name: "myNatGatewayIp", ...at, allocationMethod: "Static", sku: "Standard" });
    const egress = [
      new NatGatewayPublicIpAssociation(this, "myNatGatewayIpAssociation", { natGatewayId: natGateway.id, publicIpAddressId: natIp.id }),
      ...[podSubnet, appsSubnet, appsPodSubnet].map((s) => new SubnetNatGatewayAssociation(this, `${s.node.id}NatGateway`, { subnetId: s.id, natGatewayId: natGateway.id })),
    ];

    // The API server's private DNS zone, linked to the VNet.
    const zone = new PrivateDnsZone(this, "myPrivateDnsZone", { name: `privatelink.${ARTICLE.location}.azmk8s.io`, resourceGroupName: rg.name });
    new PrivateDnsZoneVirtualNetworkLink(this, "myPrivateDnsZoneLink", { name: "myVnet-link", resourceGroupName: rg.name, privateDnsZoneName: zone.name, virtualNetworkId: vnet.id });

    // Keys: etcd secrets (KMS) and node disks. Creating keys needs Key Vault Crypto Officer for whoever runs Terraform.
    this.keyVault = new KeyVault(this, "myKeyVault", { name: "myKeyVault", ...at, tenantId: client.tenantId, skuName: "standard", rbacAuthorizationEnabled: true, purgeProtectionEnabled: true });
    const etcdKey = new KeyVaultKey(this, "myEtcdKey", { name: "myEtcdKey", keyVaultId: this.keyVault.id, keyType: "RSA", keySize: 2048, keyOpts: ["encrypt", "decrypt"] });
    const diskKey = new KeyVaultKey(this, "myDiskKey", { name: "myDiskKey", keyVaultId: this.keyVault.id, keyType: "RSA", keySize: 2048, keyOpts: ["wrapKey", "unwrapKey"] });
    const diskEncryptionSet = new DiskEncryptionSet(this, "myDiskEncryptionSet", { name: "myDiskEncryptionSet", ...at, keyVaultKeyId: diskKey.id, identity: { type: "SystemAssigned" } });

    // The applications' vault: TLS certificates for the ingress, secrets for one workload.
    this.appKeyVault = new KeyVault(this, "myAppKeyVault", { name: "myAppKeyVault", ...at, tenantId: client.tenantId, skuName: "standard", rbacAuthorizationEnabled: true });
    const appsZone = new PrivateDnsZone(this, "myAppsDnsZone", { name: "apps.contoso.internal", resourceGroupName: rg.name });
    this.registry = new ContainerRegistry(this, "myRegistry", { name: "myregistry", ...at, sku: "Premium" });
    const workspace = new LogAnalyticsWorkspace(this, "myWorkspace", { name: "myWorkspace", ...at, sku: "PerGB2018" });
    const storage = new StorageAccount(this, "myStorageAccount", { name: "mystorageaccount", ...at, accountTier: "Standard", accountReplicationType: "LRS" });

    this.identity = new UserAssignedManagedIdentity(this, ARTICLE.identity, at);
    this.kubeletIdentity = new UserAssignedManagedIdentity(this, "myKubeletIdentity", at);
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: rg,
      identity: ClusterIdentity.userAssigned(this.identity),
      kubeletIdentity: this.kubeletIdentity,
      network: { plugin: "azure", subnet, serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10", outboundType: "userAssignedNATGateway", natGateway },
      privateCluster: { privateDnsZone: zone, virtualNetwork: vnet, publicFqdn: false },
      apiServer: { subnet: apiServerSubnet },
      defaultNodePool: {
        vmSize: "Standard_D4s_v5", podSubnet, onlyCriticalAddonsEnabled: true, zones: ["1", "2", "3"],
        autoScalingEnabled: true, minCount: 3, maxCount: 5, upgradeSettings: { maxSurge: "33%" },
      },
      additionalNodePools: [{
        name: "apps", mode: "User", vmSize: "Standard_D8s_v5", subnet: appsSubnet, podSubnet: appsPodSubnet, zones: ["1", "2", "3"],
        autoScalingEnabled: true, minCount: 2, maxCount: 20, maxPods: 50, nodeLabels: { workload: "apps" }, upgradeSettings: { maxSurge: "33%" },
      }],
      // Custom roles with only the documented actions: subnets join/read, the private DNS zone.
      leastPrivilegeRoles: { scope: rg.id },
      kms: { key: etcdKey, keyVault: this.keyVault },
      diskEncryption: { diskEncryptionSet, keyVault: this.keyVault },
      entraId: {
        tenantId: client.tenantId,
        adminGroupObjectIds: [input("admin_group_id", "Object ID of the Entra group with cluster-admin access")],
      },
      containerRegistries: [this.registry],
      addons: {
        monitoring: { logAnalyticsWorkspace: workspace },
        keyVaultSecretsProvider: { secretRotation: true },
        webAppRouting: { dnsZones: [appsZone], keyVaults: [this.appKeyVault] },
        azurePolicy: true,
        workloadIdentity: true,
      },
      clusterConfig: {
        skuTier: "Standard",
        automaticUpgradeChannel: "patch",
        nodeOsUpgradeChannel: "NodeImage",
        networkProfile: { networkPolicy: "azure" },
      },
      tags: { environment: "production" },
    });
    // The nodes' first egress needs the NAT gateway's IP and its other subnets attached.
    for (const dependency of egress) this.cluster.dependOn(dependency);

    const developers = externalPrincipal({ principalId: input("developers_group_id", "Object ID of the developers' Entra group"), principalType: "Group", isManagedIdentity: false, description: "developers group" });
    this.cluster.grantKubernetesAccess(developers, "writer", { namespace: "orders", key: "developers" });

    const orders = new WorkloadIdentity(this, "OrdersWorkload", { cluster: this.cluster, namespace: "orders", serviceAccount: "orders-api" });
    orders.grant("SecretsUser", Roles.KEY_VAULT_SECRETS_USER, this.appKeyVault, "orders-api reads its connection strings");
    const reports = new WorkloadIdentity(this, "ReportsWorkload", { cluster: this.cluster, namespace: "reports", serviceAccount: "reports-job" });
    reports.grant("BlobReader", Roles.STORAGE_BLOB_DATA_READER, storage, "reports-job reads the order exports");
    this.workloads = [orders, reports];
  }
}
