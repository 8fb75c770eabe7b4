import { parseStack } from "../../lib/review";
import { clusterIdentities, principalKey } from "../../lib/review/cluster-identities";

function identitiesOf(cluster: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const stack = parseStack("s", { resource: { azurerm_kubernetes_cluster: { c: { name: "c", ...cluster } }, ...extra } });
  return clusterIdentities(stack, stack.byAddress.get("azurerm_kubernetes_cluster.c")!, 1);
}

describe("the identities of one cluster", () => {
  test("a user-assigned identity given by literal ID is bring-your-own, made outside the configuration", () => {
    const id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cp";
    const [cp] = identitiesOf({ identity: { type: "UserAssigned", identity_ids: [id] } });
    expect(cp).toMatchObject({ type: "UserAssigned", bringYourOwn: true, resource: id, createdBy: "outside this configuration (an existing identity by resource ID)", principalKeys: [] });
  });

  test("a bring-your-own kubelet identity matches grants by its object_id expression", () => {
    const ids = identitiesOf({
      identity: { type: "UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.cp.id}"] },
      kubelet_identity: { client_id: "${azurerm_user_assigned_identity.k.client_id}", object_id: "${azurerm_user_assigned_identity.k.principal_id}", user_assigned_identity_id: "${azurerm_user_assigned_identity.k.id}" },
    }, { azurerm_user_assigned_identity: { cp: { name: "cp" }, k: { name: "k" } } });
    expect(ids[1]).toMatchObject({ kind: "kubelet", bringYourOwn: true, resource: "azurerm_user_assigned_identity.k", createdBy: "this configuration (azurerm_user_assigned_identity.k)" });
    expect(ids[1].principalKeys).toContain("azurerm_user_assigned_identity.k.principal_id");
  });

  test("HTTP application routing is listed though azurerm exports no identity for it", () => {
    const ids = identitiesOf({ identity: { type: "SystemAssigned" }, http_application_routing_enabled: true, web_app_routing: { dns_zone_ids: [] } });
    expect(ids.map((i) => i.key)).toEqual(["control-plane", "kubelet", "addon:web_app_routing", "addon:http_application_routing"]);
    expect(ids[3].principalKeys).toEqual([]);
  });

  test("a principal is matched by its canonical traversal, which the JSON report prints", () => {
    // GIVEN both index styles, a literal id in capitals, and a template (review lower-cased
    // templates, folding resource names together; now a template is not a key)
    expect(principalKey("${azurerm_kubernetes_cluster.c.identity.0.principal_id}")).toBe("azurerm_kubernetes_cluster.c.identity[0].principal_id");
    expect(principalKey("${azurerm_kubernetes_cluster.c.identity[0].principal_id}")).toBe("azurerm_kubernetes_cluster.c.identity[0].principal_id");
    expect(principalKey("AAAA-BBBB")).toBe("aaaa-bbbb");
    expect(principalKey("${azurerm_user_assigned_identity.K.principal_id}-x")).toBeUndefined();
  });
});
