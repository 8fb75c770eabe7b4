import { DnsZone } from "@cdktf/provider-azurerm/lib/dns-zone";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { AksCluster } from "../lib";
import { newStack, only, synthJson } from "./helpers";
import { clusterRef, clusterStack, grantsOf, PRIVATE_ZONE, PUBLIC_ZONE, reference } from "./addon-fixtures";

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
