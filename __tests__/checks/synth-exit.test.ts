import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { App, TerraformStack } from "cdktf";
import { AksCluster, Roles } from "../../lib";
import { grantControlPlane } from "../helpers";

describe("synth with guardrails", () => {
  test("cdktf's own App.synth (what `cdktf synth` runs) throws on a guardrail error", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "guardrails-")) });
    const stack = new TerraformStack(app, "guardrails");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const cluster = new AksCluster(stack, "aks", { resourceGroup: { name: "rg", location: "westus2" } });
    grantControlPlane(cluster, "AcrPullWrong", Roles.ACR_PULL, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr", "pull images");
    const previous = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    try {
      expect(() => app.synth()).toThrow(/AKSID008 principal_id/);
    } finally {
      if (previous !== undefined) process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previous;
    }
  });
});
