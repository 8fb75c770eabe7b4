import { Annotations } from "cdktf";
import { catalogRow, NO_IDENTITY } from "../catalog/row";
import { AddonDefinition } from "./addon";
import { retiredWarning } from "./retired";

/** The Kubernetes dashboard, removed by AKS and azurerm: accepted, ignored, and warned about. */
export const DASHBOARD = {
  key: "dashboard",
  takes: "switch",
  idPrefix: "Dashboard",
  catalog: catalogRow({
    ...NO_IDENTITY,
    key: "dashboard",
    kind: "addon",
    name: "Dashboard",
    order: 8,
    status: "retired",
    replacement: "the Kubernetes resource view in the Azure portal",
    enableWith: "`addons.dashboard: true` is accepted, ignored, and warns",
    note: "AKS removed the dashboard add-on (Kubernetes 1.19+) and azurerm 4 has no setting for it.",
  }),
  config: (ctx, on) => {
    if (on) Annotations.of(ctx.scope).addWarning(`${retiredWarning(DASHBOARD.catalog, ctx.path, "addons.dashboard")} The prop is ignored: remove it.`);
    return {};
  },
} satisfies AddonDefinition<"dashboard", boolean>;
