import { CATALOG_ROWS } from "../../lib/addons/all";
import { ADDON_IDENTITY_BLOCKS } from "../../lib/review/cluster-identities";
import { defaultPermissionsFor } from "../../lib/review/default-permissions";

describe("what AKS grants each identity by default (read from the add-on catalog)", () => {
  test("control plane: Contributor on the node resource group; a service principal, the kubelet and workloads: nothing", () => {
    // GIVEN the catalog, WHEN the report asks per identity kind, THEN it gets the article's defaults
    expect(defaultPermissionsFor("control-plane").map((p) => [p.role, p.scope])).toEqual([["Contributor", "node resource group (MC_...)"]]);
    expect(defaultPermissionsFor("service-principal")).toEqual([]);
    expect(defaultPermissionsFor("kubelet")).toEqual([]);
    expect(defaultPermissionsFor("workload")).toEqual([]);
    expect(defaultPermissionsFor("unknown-kind")).toEqual([]);
    expect(defaultPermissionsFor("addon:unknown_block")).toEqual([]);
  });

  test("add-ons, as AKS grants today (managed-identity-overview.md): the virtual node gets Contributor on the node resource group; monitoring and AGIC nothing by themselves", () => {
    // Monitoring Metrics Publisher was az aks's grant (legacy authentication), not AKS's.
    expect(defaultPermissionsFor("addon:oms_agent")).toEqual([]);
    expect(defaultPermissionsFor("addon:aci_connector_linux").map((p) => [p.role, p.scope])).toEqual([["Contributor", "node resource group (MC_...)"]]);
    // "Depends on the deployment topology": az aks's command-line grants are this library's grants in Terraform.
    expect(defaultPermissionsFor("addon:ingress_application_gateway")).toEqual([]);
    expect(defaultPermissionsFor("addon:web_app_routing")).toEqual([]);
    expect(defaultPermissionsFor("addon:key_vault_secrets_provider")).toEqual([]);
    expect(defaultPermissionsFor("addon:http_application_routing").map((p) => p.role)).toEqual(["Reader", "Contributor"]);
  });

  test("every add-on block the report knows is a catalog row, whose structured defaults agree with the article's words", () => {
    // GIVEN each azurerm add-on block the report lists identities for
    for (const block of [...Object.keys(ADDON_IDENTITY_BLOCKS), "http_application_routing"]) {
      const row = CATALOG_ROWS.find((r) => r.azurermName === block);
      // THEN the catalog has its row, and each default's role is named in the row's text (or the text says NA)
      expect(row).toBeDefined();
      const words = row!.defaultPermissions.toLowerCase();
      // The article's words may name a default that current docs drop (monitoring, AGIC); never the other way round.
      for (const d of row!.aksDefaults) expect(words).toContain(d.role.name.toLowerCase());
    }
  });
});
