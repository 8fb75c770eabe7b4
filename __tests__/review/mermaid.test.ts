import { clusterDiagram, ClusterReport } from "../../lib/review";
import { label } from "../../lib/review/mermaid";

const cluster: ClusterReport = {
  address: "azurerm_kubernetes_cluster.c",
  name: "c",
  identities: [
    { key: "control-plane", kind: "control-plane", label: "control plane", type: "UserAssigned", createdBy: "x", bringYourOwn: true, resource: "azurerm_user_assigned_identity.cp",
      defaultsKey: "control-plane", principalKeys: [], defaults: [{ role: "Contributor", scope: "node resource group (MC_...)" }] },
  ],
  grants: [
    { address: "azurerm_role_assignment.a", role: "Network Contributor", scope: "azurerm_subnet.s", principal: "control plane", identityKey: "control-plane", timing: "before cluster", reason: "" },
    { address: "azurerm_role_assignment.b", role: "Reader", scope: "azurerm_subnet.s", principal: "var.\"odd\" <id>", timing: "not ordered", reason: "" },
  ],
};

describe("Mermaid diagram of identity -> role -> scope", () => {
  test("identities, one role node per grant, shared scope nodes, dotted AKS defaults", () => {
    // WHEN
    const d = clusterDiagram(cluster);
    // THEN
    expect(d.split("\n")).toEqual([
      "flowchart LR",
      "  n0(\"control plane<br/>UserAssigned, bring your own<br/>azurerm_user_assigned_identity.cp\")",
      "  n1[\"Network Contributor\"]",
      "  n2[[\"azurerm_subnet.s\"]]",
      "  n0 --> n1",
      "  n1 -->|\"before cluster\"| n2",
      "  n3(\"var.#34;odd#34; #60;id#62;\")",
      "  n4[\"Reader\"]",
      "  n3 --> n4",
      "  n4 -->|\"not ordered\"| n2",
      "  n5[\"Contributor<br/>(AKS default)\"]",
      "  n6[[\"node resource group (MC_...)\"]]",
      "  n0 -.-> n5",
      "  n5 -.-> n6",
    ]);
  });

  test("label text escapes the characters that end or confuse a label", () => {
    expect(label("a#\"<b>\nc")).toBe("a#35;#34;#60;b#62; c");
  });
});
