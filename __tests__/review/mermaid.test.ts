import { clusterDiagram, ClusterReport } from "../../lib/review";
import { fittedClusterDiagram, label } from "../../lib/review/mermaid";

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

  test("a directive, quotes, a leading backtick, brackets and every line terminator are plain text in a label", () => {
    // GIVEN what broke or hid nodes: %%{init}%% (through an HCL comment in a scope), \r, U+2028, a leading backtick, ]
    const l = label("`%%{init: {\"theme\": \"dark\"}}%%\r\u2028\u2029\u0085]\"");
    // THEN nothing Mermaid reads as syntax is left: no %, quote, backtick, bracket or line terminator
    expect(l).toBe("#96;#37;#37;#123;init#58; #123;#34;theme#34;#58; #34;dark#34;#125;#125;#37;#37;    #93;#34;");
    expect(l).not.toMatch(/[%"`\]\r\n\u2028\u2029\u0085]/);
  });

  test("label text escapes the characters that end or confuse a label", () => {
    expect(label("a#\"<b>\nc")).toBe("a#35;#34;#60;b#62; c");
  });
});

describe("diagrams Mermaid can draw: under its edge limit (500) and text limit (50,000 characters)", () => {
  const many = (n: number, principals: (i: number) => string | undefined) => ({
    ...cluster,
    grants: Array.from({ length: n }, (_, i) => ({ address: `azurerm_role_assignment.g${i}`, role: i % 2 ? "Reader" : "Network Contributor", scope: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/subnet-number-${i}`,
      principal: principals(i) ?? "control plane", identityKey: principals(i) === undefined ? "control-plane" : undefined, timing: "before cluster" as const, reason: "" })),
  });
  const edges = (d: string) => d.split("\n").filter((l) => /-->|-\.->/.test(l)).length;

  test("250 grants to one identity: the full diagram would pass 500 edges, so each role node counts its grants", () => {
    // GIVEN 250 grants (two edges each) WHEN drawn
    const d = fittedClusterDiagram(many(250, () => undefined));
    // THEN a summary under the limits, and a note saying so
    expect(edges(d.mermaid!)).toBeLessThanOrEqual(400);
    expect(d.mermaid!).toContain("Network Contributor<br/>125 grant(s)");
    expect(d.note).toMatch(/^Summarised: 250 grants draw more than GitHub's Mermaid allows \(500 edges, 50000 characters\)/);
  });

  test("250 grants to 250 principals: even the summary is too large, so there is no diagram and the note says why", () => {
    const d = fittedClusterDiagram(many(250, (i) => `principal ${i}`));
    expect(d.mermaid).toBeUndefined();
    expect(d.note).toMatch(/^No diagram: 250 grants are more than GitHub's Mermaid draws/);
  });

  test("long labels are cut, so 190 grants with 2,000-character scopes stay under the text limit", () => {
    const c = many(190, () => undefined);
    const long = { ...c, grants: c.grants.map((g) => ({ ...g, scope: `${g.scope}/${"x".repeat(2000)}` })) };
    const d = fittedClusterDiagram(long);
    expect(d.mermaid!.length).toBeLessThanOrEqual(45_000);
  });
});
