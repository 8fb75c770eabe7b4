import * as fs from "fs";
import * as path from "path";
import { CONTROL_PLANE_NETWORK_GRANTS, NETWORK_TABLE_BEGIN, NETWORK_TABLE_END, renderNetworkGrantsTable, replaceNetworkGrantsTable } from "../lib";

const README = path.join(__dirname, "..", "README.md");

describe("README network grant table", () => {
  test("README.md matches the catalog (run `npm run docs` after changing lib/catalog/control-plane-network.ts)", () => {
    // GIVEN the committed README WHEN its network table is regenerated THEN nothing changes
    const readme = fs.readFileSync(README, "utf8");
    expect(replaceNetworkGrantsTable(readme)).toBe(readme);
  });

  test("one row per catalog grant, with its role, prop, least-privilege alternative and source", () => {
    const rows = renderNetworkGrantsTable().split("\n").slice(2);
    expect(rows).toHaveLength(Object.keys(CONTROL_PLANE_NETWORK_GRANTS).length);
    expect(rows.find((r) => r.startsWith("| `PodSubnetNetworkContributor` |"))).toContain("| Network Contributor | a node pool's pod subnet (dynamic pod IP allocation) | `defaultNodePool.podSubnet` / `additionalNodePools[].podSubnet` | `Microsoft.Network/virtualNetworks/subnets/join/action`, `Microsoft.Network/virtualNetworks/subnets/read` | aks-docs articles/aks/concepts-network-legacy-cni.md");
    expect(rows.find((r) => r.startsWith("| `ApiServerSubnetNetworkContributor` |"))).toContain("| none documented | aks-docs articles/aks/api-server-vnet-integration.md");
    for (const g of Object.values(CONTROL_PLANE_NETWORK_GRANTS)) expect(g.source).toMatch(/^aks-docs articles\/aks\/[a-z0-9-]+\.md/);
  });

  test("sits in the network section; a README without markers is refused", () => {
    const readme = fs.readFileSync(README, "utf8");
    const section = readme.slice(readme.indexOf("<!-- section:network -->"), readme.indexOf("<!-- /section:network -->"));
    expect(section).toContain(NETWORK_TABLE_BEGIN);
    expect(section).toContain(NETWORK_TABLE_END);
    expect(() => replaceNetworkGrantsTable("# no markers")).toThrow(`README.md lacks the markers ${NETWORK_TABLE_BEGIN}`);
  });
});
