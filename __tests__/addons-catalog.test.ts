import { AksCluster, CATALOG_ROWS, catalogRowOf, ClusterIdentity, grantOf, IDENTITY_KINDS, Roles, UserAssignedManagedIdentity } from "../lib";
import { retiredWarning } from "../lib/addons/retired";
import { newStack } from "./helpers";
import { NODE_SUBNET, SUB, VNET } from "./addon-fixtures";

describe("managed identity catalog", () => {
  test("has every row of the article's table with the article's columns", () => {
    // GIVEN: the article's "Summary of managed identities" rows (kind, name, default permissions, bring your own)
    const article = [
      ["Control plane", "not visible", "Contributor role for Node resource group"],
      ["Kubelet", "AKS Cluster Name-agentpool", "NA (for kubernetes v1.15+)"],
      ["Add-on", "AzureNPM", "NA"],
      ["Add-on", "AzureCNI network monitoring", "NA"],
      ["Add-on", "azure-policy (gatekeeper)", "NA"],
      ["Add-on", "azure-policy", "NA"],
      ["Add-on", "Calico", "NA"],
      ["Add-on", "Dashboard", "NA"],
      ["Add-on", "HTTPApplicationRouting", "Reader role for node resource group, contributor role for DNS zone"],
      ["Add-on", "Ingress application gateway", "Contributor role for node resource group"],
      ["Add-on", "omsagent", "Monitoring Metrics Publisher role"],
      ["Add-on", "Virtual-Node (ACIConnector)", "Contributor role for node resource group"],
      ["OSS project", "aad-pod-identity", "NA"],
    ];
    // WHEN: the catalog's article rows are listed in order
    const rows = CATALOG_ROWS.filter((r) => r.inArticle).map((r) => [IDENTITY_KINDS[r.kind], r.name, r.defaultPermissions]);
    // THEN: they are exactly the article's
    expect(rows).toEqual(article);
  });

  test("marks the no-identity rows and gives them no grants", () => {
    const none = CATALOG_ROWS.filter((r) => r.useCase === "No identity required");
    expect(none.map((r) => r.name)).toEqual(["AzureNPM", "AzureCNI network monitoring", "azure-policy (gatekeeper)", "azure-policy", "Calico", "Dashboard"]);
    for (const r of none) {
      expect(r.grants).toEqual([]);
      expect(r.identity).toBe("none");
    }
  });

  test("names a replacement for every retired or deprecated row", () => {
    const retired = CATALOG_ROWS.filter((r) => r.status === "retired" || r.status === "deprecated");
    expect(retired.map((r) => r.key)).toEqual(["dashboard", "httpApplicationRouting", "aadPodIdentity"]);
    expect(catalogRowOf("httpApplicationRouting")!.replacement).toContain("web application routing");
    expect(catalogRowOf("aadPodIdentity")!.replacement).toContain("WorkloadIdentity");
    for (const r of retired) expect(r.replacement).toBeTruthy();
  });

  test("lists the grants az aks makes for each add-on that reaches outside the node resource group", () => {
    const roles = (key: string) => catalogRowOf(key)!.grants.map((g) => [g.id, g.role]);
    expect(roles("ingressApplicationGateway")).toEqual([
      ["GatewayResourceGroupNetworkContributor", Roles.NETWORK_CONTRIBUTOR],
      ["GatewayResourceGroupReader", Roles.READER],
      ["GatewaySubnetNetworkContributor", Roles.NETWORK_CONTRIBUTOR],
      ["SubnetNetworkContributor", Roles.NETWORK_CONTRIBUTOR],
    ]);
    // MSI auth only: legacy auth, which needed Monitoring Metrics Publisher, retired on 2026-09-30.
    expect(roles("monitoring")).toEqual([]);
    expect(roles("virtualNode")).toEqual([["VirtualNetworkContributor", Roles.CONTRIBUTOR], ["SubnetNetworkContributor", Roles.NETWORK_CONTRIBUTOR]]);
    expect(roles("webAppRouting")).toEqual([["DnsZoneContributor", Roles.DNS_ZONE_CONTRIBUTOR], ["PrivateDnsZoneContributor", Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR], ["KeyVaultSecretsUser", Roles.KEY_VAULT_SECRETS_USER]]);
    expect(roles("keyVaultSecretsProvider")).toEqual([["KeyVaultSecretsUser", Roles.KEY_VAULT_SECRETS_USER], ["KeyVaultCertificateUser", Roles.KEY_VAULT_CERTIFICATE_USER]]);
  });

  test("never lists a privileged role", () => {
    const all = CATALOG_ROWS.flatMap((r) => r.grants.map((g) => g.role.name));
    expect(all).not.toContain("Owner");
    expect(all).not.toContain("User Access Administrator");
  });

  test("grantOf finds a grant and throws on a typo", () => {
    expect(grantOf(catalogRowOf("webAppRouting")!, "KeyVaultSecretsUser").role).toBe(Roles.KEY_VAULT_SECRETS_USER);
    expect(() => grantOf(catalogRowOf("webAppRouting")!, "KeyVaultSecretUser")).toThrow("catalog row webAppRouting has no grant KeyVaultSecretUser");
  });

  test("every grant the library makes says where the need is documented", () => {
    const grants = CATALOG_ROWS.flatMap((r) => r.grants.map((g) => [`${r.key}.${g.id}`, g.source] as const));
    expect(grants.length).toBeGreaterThan(10);
    for (const [id, source] of grants) expect({ id, source }).toEqual({ id, source: expect.stringMatching(/^(aks-docs articles\/aks\/[a-z0-9-]+\.md|azure-docs articles\/[a-z0-9-]+\/[a-z0-9-]+\.md|azure-cli acs)/) });
  });

  test("retiredWarning names the path, prop and replacement", () => {
    expect(retiredWarning(catalogRowOf("dashboard")!, "stack/aks", "addons.dashboard")).toBe(
      "[stack/aks] addons.dashboard: Dashboard was retired by AKS. AKS removed the dashboard add-on (Kubernetes 1.19+) and azurerm 4 has no setting for it. Use the Kubernetes resource view in the Azure portal instead.");
  });
});

describe("catalog rows the cluster implements", () => {
  test("control-plane and kubelet grants match what AksCluster creates (ids and roles)", () => {
    // GIVEN: a cluster that makes every control-plane and kubelet grant the catalog lists
    const stack = newStack();
    const rg = `${SUB}/resourceGroups/other`;
    const cluster = new AksCluster(stack, "aks", {
      identity: ClusterIdentity.userAssigned(UserAssignedManagedIdentity.fromAttributes(stack, "cp", { id: `${SUB}/resourceGroups/id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cp`, clientId: "00000000-0000-0000-0000-0000000000c1", principalId: "00000000-0000-0000-0000-0000000000a1" })),
      kubeletIdentity: UserAssignedManagedIdentity.fromAttributes(stack, "kl", { id: `${SUB}/resourceGroups/id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/kl`, clientId: "00000000-0000-0000-0000-0000000000c2", principalId: "00000000-0000-0000-0000-0000000000a2" }),
      network: { subnet: NODE_SUBNET, routeTable: `${SUB}/resourceGroups/net/providers/Microsoft.Network/routeTables/rt` },
      containerRegistries: [`${SUB}/resourceGroups/acr/providers/Microsoft.ContainerRegistry/registries/acr1`],
      kms: { key: "https://kv1.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef", keyVault: `${SUB}/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/kv1`, networkAccess: "private" },
      diskEncryption: { diskEncryptionSet: `${SUB}/resourceGroups/kv/providers/Microsoft.Compute/diskEncryptionSets/des1` },
      apiServer: { vnetIntegration: true },
    });
    cluster.grantOnVirtualNetwork(VNET);
    cluster.grantOnStaticIpResourceGroup(rg);
    cluster.grantOnDiskResourceGroup(rg);
    // and a second cluster with the production network's grants (outbound IPs and prefixes exclude each other)
    const net = `${VNET}/subnets`;
    const second = new AksCluster(stack, "aks2", {
      identity: ClusterIdentity.userAssigned(UserAssignedManagedIdentity.fromAttributes(stack, "cp2", { id: `${SUB}/resourceGroups/id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cp2`, clientId: "00000000-0000-0000-0000-0000000000c3", principalId: "00000000-0000-0000-0000-0000000000a3" })),
      location: "westus2",
      network: { subnet: `${net}/nodes2`, outboundIpPrefixes: [`${SUB}/resourceGroups/ip/providers/Microsoft.Network/publicIPPrefixes/egress`] },
      privateCluster: { privateDnsZone: `${SUB}/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.westus2.azmk8s.io` },
      apiServer: { subnet: `${net}/apiserver` },
      defaultNodePool: { podSubnet: `${net}/pods`, capacityReservationGroup: `${SUB}/resourceGroups/crg/providers/Microsoft.Compute/capacityReservationGroups/crg` },
      additionalNodePools: [{ name: "pool2", subnet: `${net}/nodes3`, podSubnet: `${net}/pods`, hostGroup: `${SUB}/resourceGroups/hosts/providers/Microsoft.Compute/hostGroups/h`, nodePublicIpPrefix: `${SUB}/resourceGroups/nodeips/providers/Microsoft.Network/publicIPPrefixes/n` }],
    });
    const third = new AksCluster(stack, "aks3", { identity: ClusterIdentity.userAssigned(UserAssignedManagedIdentity.fromAttributes(stack, "cp3", { id: `${SUB}/resourceGroups/id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cp3`, clientId: "00000000-0000-0000-0000-0000000000c4", principalId: "00000000-0000-0000-0000-0000000000a4" })),
      network: { outboundIps: [`${SUB}/resourceGroups/ip/providers/Microsoft.Network/publicIPAddresses/egress`] } });
    // WHEN: each catalog grant is looked up among the clusters' grants by construct id
    const made = [cluster, second, third].flatMap((c) => c.grants.all.map((g) => ({ id: g.node.id, role: g.role, principal: g.principal.identityKind })));
    for (const [key, principal] of [["controlPlane", "control-plane"], ["kubelet", "kubelet"]] as const) {
      for (const g of catalogRowOf(key)!.grants) {
        // THEN: the cluster made it, with the catalog's role, to the catalog row's identity
        const match = made.filter((m) => m.id === g.id || m.id.startsWith(`${g.id}-`));
        // (a pod subnet shared by two pools is one grant: Azure holds one per scope, principal and role)
        expect({ grant: g.id, found: [...new Set(match.map((m) => JSON.stringify([m.role, m.principal])))].map((x) => JSON.parse(x)) }).toEqual({ grant: g.id, found: [[g.role, principal]] });
        expect(match.length).toBeGreaterThan(0);
      }
    }
  });
});
