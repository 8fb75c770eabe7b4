import { Annotations } from "cdktf";
import { catalogRow, NODE_RESOURCE_GROUP } from "../catalog/row";
import { Roles } from "../roles";
import { AddonDefinition } from "./addon";
import { retiredWarning } from "./retired";

/** HTTP application routing, retired by AKS: the flag is set as asked, with a warning. */
export const HTTP_APPLICATION_ROUTING = {
  key: "httpApplicationRouting",
  takes: "switch",
  idPrefix: "HttpApplicationRouting",
  catalog: catalogRow({
    key: "httpApplicationRouting",
    kind: "addon",
    name: "HTTPApplicationRouting",
    identity: "`httpapplicationrouting-<cluster>`",
    useCase: "Manages required network resources",
    defaultPermissions: "Reader role for node resource group, contributor role for DNS zone",
    azurermName: "http_application_routing",
    aksDefaults: [
      { role: Roles.READER, scope: NODE_RESOURCE_GROUP },
      { role: Roles.CONTRIBUTOR, scope: "the add-on's DNS zone (in the node resource group)", note: "retired by AKS in 2025; use web application routing" },
    ],
    bringYourOwn: "No",
    inArticle: true,
    order: 9,
    status: "retired",
    replacement: "web application routing (`addons.webAppRouting`)",
    enableWith: "`addons.httpApplicationRouting: true` (azurerm `http_application_routing_enabled`) sets the flag and warns",
    exportedIdentity: "none: azurerm exports only `http_application_routing_zone_name`",
    grants: [],
    note: "AKS retired it in 2025. Its DNS zone lives in the node resource group, where AKS's defaults cover it; with no exported identity there is nothing more to grant.",
  }),
  config: (ctx, on) => {
    if (!on) return {};
    Annotations.of(ctx.scope).addWarning(`${retiredWarning(HTTP_APPLICATION_ROUTING.catalog, ctx.path, "addons.httpApplicationRouting")} http_application_routing_enabled is set as asked, but AKS may reject it.`);
    return { httpApplicationRoutingEnabled: true };
  },
  afterCluster: (host, on) => {
    if (on) host.output("http_application_routing_zone_name", host.resource.httpApplicationRoutingZoneName, "the retired add-on's DNS zone; azurerm exports no identity for it");
  },
} satisfies AddonDefinition<"httpApplicationRouting", boolean>;
