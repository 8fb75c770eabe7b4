import { DnsZone } from "@cdktf/provider-azurerm/lib/dns-zone";
import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { TerraformStack } from "cdktf";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { AksCluster } from "../lib";
import { newStack, only, synthJson } from "./helpers";
import { clusterRef, clusterStack, grantsOf, PRIVATE_ZONE, PUBLIC_ZONE, reference, VAULT } from "./addon-fixtures";

const IDENTITY = "web_app_routing[0].web_app_routing_identity[0]";

describe("web application routing add-on", () => {
  test("role by zone type, on the zone, for the add-on identity", () => {
    const { json } = clusterStack({ addons: { webAppRouting: { dnsZones: [PUBLIC_ZONE, PRIVATE_ZONE] } } });
    const j = json();
    const principal = `\${${clusterRef(j)}.${IDENTITY}.object_id}`;
    expect(only(j, "azurerm_kubernetes_cluster").body.web_app_routing).toEqual({ dns_zone_ids: [PUBLIC_ZONE, PRIVATE_ZONE] });
    expect(grantsOf(j).map((g) => [g.role, g.scope, g.principal])).toEqual([
      ["DNS Zone Contributor", PUBLIC_ZONE, principal],
      ["Private DNS Zone Contributor", PRIVATE_ZONE, principal],
    ]);
  });

  test("no zones: the add-on is on with an empty list and no grant", () => {
    const { json } = clusterStack({ addons: { webAppRouting: {} } });
    const j = json();
    expect(only(j, "azurerm_kubernetes_cluster").body.web_app_routing).toEqual({ dns_zone_ids: [] });
    expect(grantsOf(j)).toEqual([]);
    expect(j.output!.aks_web_app_routing_identity).toBeDefined();
  });

  test("zone constructs: the kind comes from the resource type", () => {
    const stack = newStack();
    const pub = new DnsZone(stack, "pub", { name: "contoso.com", resourceGroupName: "rg" });
    const priv = new PrivateDnsZone(stack, "priv", { name: "contoso.internal", resourceGroupName: "rg" });
    new AksCluster(stack, "aks", { addons: { webAppRouting: { dnsZones: [pub, priv] } } });
    expect(grantsOf(synthJson(stack)).map((g) => [g.role, g.scope])).toEqual([
      ["DNS Zone Contributor", "${azurerm_dns_zone.pub.id}"],
      ["Private DNS Zone Contributor", "${azurerm_private_dns_zone.priv.id}"],
    ]);
  });

  test("a zone reference needs its kind and a key", () => {
    const { json } = clusterStack((stack) => ({ addons: { webAppRouting: { dnsZones: [{ zone: reference(stack, "zone"), kind: "private", key: "internal" }] } } }));
    const [g] = grantsOf(json());
    expect([g.role, g.scope]).toEqual(["Private DNS Zone Contributor", "${var.zone}"]);
    expect(g.id).toMatch(/^aks_WebAppRouting-PrivateDnsZoneContributor-internal_/);
    expect(() => clusterStack((stack) => ({ addons: { webAppRouting: { dnsZones: [reference(stack, "zone")] } } })))
      .toThrow("addons.webAppRouting.dnsZones[0]: received a Terraform reference. The zone's kind decides the role");
  });

  test.each([
    [[PUBLIC_ZONE, PUBLIC_ZONE.replace("resourceGroups/dns", "resourceGroups/dns2").replace("contoso.com", "fabrikam.com")], "AKS requires all public DNS zones of web application routing to be in one resource group."],
    [[{ zone: PUBLIC_ZONE, kind: "private" }], "addons.webAppRouting.dnsZones[0].kind: received \"private\". The ID names a public zone."],
    [[PUBLIC_ZONE.replace("dnszones", "virtualNetworks")], "Expected the resource ID of a public or private DNS zone"],
    [[{ zone: PUBLIC_ZONE, kind: "internal" }], "dnsZones[0].kind: received \"internal\". Allowed: \"public\" or \"private\"."],
    [[{ zone: PUBLIC_ZONE }, { zone: PRIVATE_ZONE.replace("contoso.internal", "x"), key: "contoso.com" }], "Two zones share a grant key."],
  ])("rejects %#", (zones, message) => {
    expect(() => clusterStack({ addons: { webAppRouting: { dnsZones: zones as never } } })).toThrow(message);
  });
});

describe("web application routing with Key Vault certificates (keyVaults, az aks approuting update --attach-kv)", () => {
  const TENANT = "00000000-0000-0000-0000-00000000aaaa";
  const vaults = (stack: TerraformStack) => ({
    rbac: new KeyVault(stack, "certs", { name: "certs", resourceGroupName: "rg", location: "westus2", tenantId: TENANT, skuName: "standard", rbacAuthorizationEnabled: true }),
    policies: new KeyVault(stack, "legacy", { name: "legacy", resourceGroupName: "rg", location: "westus2", tenantId: TENANT, skuName: "standard" }),
  });

  test("RBAC vault: Key Vault Secrets User (what az grants) for the add-on identity, after the cluster", () => {
    // GIVEN an RBAC vault and the secrets provider add-on
    const { json, cluster } = clusterStack((stack) => ({ addons: { keyVaultSecretsProvider: {}, webAppRouting: { keyVaults: [vaults(stack).rbac] } } }));
    // WHEN synthesized
    const j = json();
    // THEN one role on the vault, to the web app routing identity; the cluster does not wait for it (it references the cluster)
    const principal = `\${${clusterRef(j)}.${IDENTITY}.object_id}`;
    expect(grantsOf(j).map((g) => [g.role, g.scope, g.principal])).toEqual([["Key Vault Secrets User", "${azurerm_key_vault.certs.id}", principal]]);
    expect(grantsOf(j)[0].id).toMatch(/^aks_WebAppRouting-KeyVaultSecretsUser-certs_/);
    expect(only(j, "azurerm_kubernetes_cluster").body.depends_on).toBeUndefined();
    expect(cluster.addons.grants.map((g) => g.timing)).toEqual(["after-cluster"]);
  });

  test("access-policy vault: secrets Get and certificates Get (az's set_policy), after the cluster, ordered by the cluster", () => {
    const { json, cluster } = clusterStack((stack) => ({ addons: { keyVaultSecretsProvider: {}, webAppRouting: { keyVaults: [vaults(stack).policies] } } }));
    const j = json();
    const policy = only(j, "azurerm_key_vault_access_policy");
    expect(Object.fromEntries(Object.entries(policy.body).filter(([k]) => k !== "//"))).toEqual({
      key_vault_id: "${azurerm_key_vault.legacy.id}",
      tenant_id: TENANT,
      object_id: `\${${clusterRef(j)}.${IDENTITY}.object_id}`,
      secret_permissions: ["Get"],
      certificate_permissions: ["Get"],
    });
    expect(grantsOf(j)).toEqual([]);
    expect(cluster.grants.accessPolicies.map((p) => [p.node.id, p.timing])).toEqual([["WebAppRouting-KeyVaultAccessPolicy-legacy", "after-cluster"]]);
    expect(only(j, "azurerm_kubernetes_cluster").body.depends_on).toBeUndefined();
  });

  test("a vault by ID is Azure RBAC unless told; an access policy then needs the tenant", () => {
    const { json } = clusterStack({ addons: { keyVaultSecretsProvider: {}, webAppRouting: { keyVaults: [VAULT, { vault: VAULT.replace("vault1", "vault2"), permissionModel: "accessPolicy", tenantId: TENANT }] } } });
    const j = json();
    expect(grantsOf(j).map((g) => [g.role, g.scope])).toEqual([["Key Vault Secrets User", VAULT]]);
    expect(only(j, "azurerm_key_vault_access_policy").body).toMatchObject({ key_vault_id: VAULT.replace("vault1", "vault2"), tenant_id: TENANT });
    expect(() => clusterStack({ addons: { keyVaultSecretsProvider: {}, webAppRouting: { keyVaults: [{ vault: VAULT, permissionModel: "accessPolicy" }] } } })).toThrow(
      "[test/aks] addons.webAppRouting.keyVaults[0].tenantId: received nothing (undefined). An access policy names the vault's tenant, and a vault given by ID does not tell it.");
  });

  test("without the secrets provider add-on it is an error, as az's --attach-kv is", () => {
    expect(() => clusterStack({ addons: { webAppRouting: { keyVaults: [VAULT] } } })).toThrow(
      "[test/aks] addons.webAppRouting.keyVaults: received \"1 key vault(s) without addons.keyVaultSecretsProvider\". Web application routing reads Key Vault certificates through the Secrets Store CSI driver; az refuses --attach-kv without it (\"Keyvault secrets provider addon must be enabled to attach keyvault\", azure-cli acs/managed_cluster_decorator.py). Fix: add addons.keyVaultSecretsProvider: {}");
  });

  test.each([
    [[PUBLIC_ZONE], "addons.webAppRouting.keyVaults[0].vault: received"],
    [[VAULT, { vault: VAULT.replace("resourceGroups/kv", "resourceGroups/kv2") }], "Two key vaults share a grant key."],
    [[{ vault: VAULT, permissionModel: "acl" }], "addons.webAppRouting.keyVaults[0].permissionModel: received \"acl\". Allowed: \"rbac\" or \"accessPolicy\"."],
  ])("rejects %#", (keyVaults, message) => {
    expect(() => clusterStack({ addons: { keyVaultSecretsProvider: {}, webAppRouting: { keyVaults: keyVaults as never } } })).toThrow(message);
  });
});
