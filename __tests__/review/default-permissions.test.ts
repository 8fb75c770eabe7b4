import { ADDON_IDENTITY_BLOCKS } from "../../lib/review/cluster-identities";
import { DEFAULT_PERMISSIONS, defaultPermissionsFor } from "../../lib/review/default-permissions";

describe("what AKS grants each identity by default (the article's table)", () => {
  test("control plane: Contributor on the node resource group; kubelet and workloads: nothing", () => {
    expect(defaultPermissionsFor("control-plane").map((p) => [p.role, p.scope])).toEqual([["Contributor", "node resource group (MC_...)"]]);
    expect(defaultPermissionsFor("kubelet")).toEqual([]);
    expect(defaultPermissionsFor("workload")).toEqual([]);
    expect(defaultPermissionsFor("unknown-kind")).toEqual([]);
  });

  test("add-ons: omsagent publishes metrics, virtual node and AGIC get Contributor on the node resource group", () => {
    expect(defaultPermissionsFor("addon:oms_agent").map((p) => p.role)).toEqual(["Monitoring Metrics Publisher"]);
    expect(defaultPermissionsFor("addon:aci_connector_linux").map((p) => [p.role, p.scope])).toEqual([["Contributor", "node resource group (MC_...)"]]);
    expect(defaultPermissionsFor("addon:ingress_application_gateway")[0]).toMatchObject({ role: "Contributor", scope: "node resource group (MC_...)" });
  });

  test("every add-on block with an identity has an entry", () => {
    for (const addon of Object.keys(ADDON_IDENTITY_BLOCKS)) expect(DEFAULT_PERMISSIONS).toHaveProperty([`addon:${addon}`]);
  });
});
