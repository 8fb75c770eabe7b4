import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { App, TerraformStack } from "cdktf";
import { AksCluster, Roles } from "../../lib";
import { grantControlPlane } from "../helpers";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const APP = path.join(__dirname, "fixtures/guardrail-app.ts");

function runApp(mode: string): { status: number | null; stderr: string; outdir: string } {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "guardrails-")), "cdktf.out");
  const r = spawnSync(TSX, [APP, mode], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" } });
  return { status: r.status, stderr: r.stderr, outdir };
}

describe("synth with guardrails, through the real synthesizer", () => {
  test("an error exits 1, prints the message, and leaves no output to deploy", () => {
    // WHEN: the app grants AcrPull to the control-plane identity
    const r = runApp("error");
    // THEN
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ERROR guardrails: \[guardrails\/aks\/AcrPullWrong\/Resource\] AKSID008 principal_id: received "\$\{azurerm_kubernetes_cluster\.aks_[0-9A-F]+\.identity\[0\]\.principal_id\}"\. AcrPull is granted to the control-plane identity of azurerm_kubernetes_cluster\.aks_[0-9A-F]+, but its kubelet identity pulls images, so pulls fail with 401\. Fix: grant AcrPull to the kubelet identity/);
    expect(r.stderr).toContain("Synth failed: 1 error(s) in 1 stack(s)");
    expect(fs.existsSync(r.outdir)).toBe(false);
  }, 60_000);

  test("a warning is printed and synth goes on", () => {
    const r = runApp("warning");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("WARNING guardrails: [guardrails/aks/Resource] AKSID005 default_node_pool.vnet_subnet_id");
    expect(fs.existsSync(path.join(r.outdir, "stacks/guardrails/cdk.tf.json"))).toBe(true);
  }, 60_000);

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
