import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { main } from "../../bin/aks-identity-cli";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../../lib";
import { synthesizeApp } from "../../lib/synth";
import { configurationDiff } from "../../lib/review/configuration-diff";
import { parseStack } from "../../lib/review/stack-model";
import { buildExampleApp, SCENARIOS } from "../../scenarios";
import { ARTICLE, ArticleStack } from "../../scenarios/article-stack";
import { clusterNetwork } from "../../scenarios/own-network";

/** byo-control-plane-identity with a bring-your-own kubelet identity added: the change that replaces a cluster. */
class WithKubeletIdentity extends ArticleStack {
  constructor(scope: Construct) {
    super(scope, "byo-control-plane-identity");
    const { subnet } = clusterNetwork(this);
    const identity = new UserAssignedManagedIdentity(this, ARTICLE.identity, { resourceGroupName: this.resourceGroup.name, location: this.resourceGroup.location });
    const kubelet = new UserAssignedManagedIdentity(this, "myKubeletIdentity", { resourceGroupName: this.resourceGroup.name, location: this.resourceGroup.location });
    new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: this.resourceGroup,
      identity: ClusterIdentity.userAssigned(identity),
      kubeletIdentity: kubelet,
      network: { plugin: "azure", subnet, serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10", dockerBridgeCidr: "172.17.0.1/16" },
    });
  }
}

/** The example app, as `npm run synth` builds it. */
function app() {
  return (a: App) => buildExampleApp(a);
}

function grantsOf(stack: TerraformStack): RoleAssignment[] {
  return stack.node.findAll().filter((c): c is RoleAssignment => c instanceof RoleAssignment);
}

let dir: string;
function synth(name: string, build: (a: App) => void): string {
  const outdir = path.join(dir, name, "cdktf.out");
  expect(synthesizeApp(build, { outdir, log: () => undefined }).exitCode).toBe(0);
  return outdir;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

let base: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-diff-"));
  // GIVEN the example app synthesized as the base of a pull request
  base = synth("base", app());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("aks-identity diff on the example app against a changed copy", () => {
  test("the same app twice: nothing changes, exit 0", async () => {
    const r = await run(["diff", base, synth("same", app())]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("No change to any stack.");
    expect(r.out).toContain(`Unchanged: ${Object.keys(SCENARIOS).length} stack(s)`);
  });

  test("a kubelet identity added: exit 2, the cluster is replaced, forced by kubelet_identity", async () => {
    // GIVEN head: byo-control-plane-identity with a bring-your-own kubelet identity
    const head = synth("kubelet", (a) => {
      for (const [name, Scenario] of Object.entries(SCENARIOS)) if (name === "byo-control-plane-identity") new WithKubeletIdentity(a); else new Scenario(a);
    });
    // WHEN
    const r = await run(["diff", base, head]);
    // THEN
    expect(r.code).toBe(2);
    expect(r.out).toContain("### Stack `byo-control-plane-identity`");
    expect(r.out).toContain("| 🛑 blocking | Cluster replaced | `azurerm_kubernetes_cluster.myManagedCluster_3120B930` |");
    expect(r.out).toContain("| 🛑 blocking | Kubelet identity changed | `azurerm_kubernetes_cluster.myManagedCluster_3120B930` |");
    expect(r.out).toContain("- Forced by: `kubelet_identity[0].client_id`, `kubelet_identity[0].object_id`, `kubelet_identity[0].user_assigned_identity_id`.");
    // who gains what: the control plane gets Managed Identity Operator on the new identity
    expect(r.out).toMatch(/\| gained \| Managed Identity Operator \| `azurerm_user_assigned_identity\.myKubeletIdentity_[0-9A-F]+` \| control plane \(azurerm_user_assigned_identity\.myIdentity_4E98E044\) \|/);
    expect(r.out).toMatch(/\| `azurerm_kubernetes_cluster\.myManagedCluster_3120B930` \| kubelet \| UserAssigned, AKS, with the cluster \(myManagedCluster-agentpool in the node resource group\): azurerm_kubernetes_cluster\.myManagedCluster_3120B930\.kubelet_identity\\\[0\\\] \| UserAssigned, this configuration/);
    // and --allow-replace acknowledges it, per address or per stack:address
    expect((await run(["diff", base, head, "--allow-replace", "byo-control-plane-identity:azurerm_kubernetes_cluster.myManagedCluster_3120B930"])).code).toBe(0);
    expect((await run(["diff", base, head, "--allow-replace", "azurerm_kubernetes_cluster.myManagedCluster_3120B930"])).code).toBe(0);
  });

  test("a reworded grant reason: exit 0; a replacement warning while description is ForceNew, nothing with ignore_changes", async () => {
    // GIVEN head: one grant of system-assigned-own-network with another description
    const build = (ignore: boolean, change: boolean) => (a: App) => {
      buildExampleApp(a);
      const stack = a.node.children.find((c) => c.node.id === "system-assigned-own-network") as TerraformStack;
      const [grant] = grantsOf(stack);
      // The library writes lifecycle.ignore_changes = ["description"] on every grant; a raw one may not.
      if (!ignore) grant.lifecycle = {};
      if (change) grant.addOverride("description", "Reworded: the control plane manages the disks here.");
    };
    // WHEN diffed without ignore_changes (the role assignment's description is ForceNew in azurerm 4.55)
    const plain = await run(["diff", synth("plain-base", build(false, false)), synth("reworded", build(false, true))]);
    // THEN exit 0, and the reviewer is told the grant is replaced, forced by description
    expect(plain.code).toBe(0);
    expect(plain.out).toContain("| ⚠️ warning | Grant the cluster needs is replaced |");
    expect(plain.out).toContain("- Forced by: `description`.");
    // WHEN the grant ignores description changes, as every library grant does, THEN no change at all
    const ignored = await run(["diff", base, synth("ignore-head", build(true, true))]);
    expect(ignored.code).toBe(0);
    expect(ignored.out).toContain("No change to any stack.");
  });
});

describe("configurationDiff on small configurations", () => {
  const cluster = (extra: Record<string, unknown>) => ({ name: "c", identity: { type: "SystemAssigned" }, depends_on: ["azurerm_role_assignment.net"], ...extra });
  const grant = { scope: "${azurerm_subnet.s.id}", role_definition_name: "Network Contributor", principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}" };

  test("a grant the cluster needs, deleted: exit 2 (grant-deleted), and listed as lost", () => {
    const b = parseStack("s", { resource: { azurerm_kubernetes_cluster: { c: cluster({}) }, azurerm_role_assignment: { net: grant } } });
    const h = parseStack("s", { resource: { azurerm_kubernetes_cluster: { c: cluster({ depends_on: [] }) } } });
    const d = configurationDiff([b], [h]);
    expect(d.check.exitCode).toBe(2);
    expect(d.stacks[0].check.findings.map((f) => [f.kind, f.address])).toEqual([["grant-deleted", "azurerm_role_assignment.net"]]);
    expect(d.stacks[0].grants).toEqual([{ change: "lost", address: "azurerm_role_assignment.net", role: "Network Contributor", scope: "azurerm_subnet.s", principal: "control plane (azurerm_kubernetes_cluster.c.identity[0])" }]);
  });

  test("a replaced identity replaces what refers to it: a new principal for the grant, a new kubelet identity for the cluster", () => {
    const uai = (name: string) => ({ k: { name, resource_group_name: "rg", location: "westus2" }, cp: { name: "cp", resource_group_name: "rg", location: "westus2" } });
    const stack = (name: string) => parseStack("s", { resource: {
      azurerm_user_assigned_identity: uai(name),
      azurerm_kubernetes_cluster: { c: { name: "c", identity: { type: "UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.cp.id}"] },
        kubelet_identity: { client_id: "${azurerm_user_assigned_identity.k.client_id}", object_id: "${azurerm_user_assigned_identity.k.principal_id}", user_assigned_identity_id: "${azurerm_user_assigned_identity.k.id}" } } },
    } });
    const d = configurationDiff([stack("kubelet")], [stack("kubelet-2")]);
    expect(d.check.exitCode).toBe(2);
    expect(d.stacks[0].check.findings.map((f) => f.kind)).toEqual(["cluster-replace", "kubelet-identity-change"]);
  });

  test("a KMS access policy the cluster waits for, dropped: blocking, and listed as a lost grant", () => {
    const policy = { key_vault_id: "${azurerm_key_vault.kv.id}", tenant_id: "${var.tenant}", object_id: "${azurerm_user_assigned_identity.cp.principal_id}", key_permissions: ["Encrypt", "Decrypt"] };
    const s = (withPolicy: boolean) => parseStack("s", { resource: {
      azurerm_user_assigned_identity: { cp: { name: "cp", resource_group_name: "rg", location: "westus2" } },
      azurerm_kubernetes_cluster: { c: { name: "c", identity: { type: "UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.cp.id}"] }, depends_on: withPolicy ? ["azurerm_key_vault_access_policy.kms"] : [] } },
      ...(withPolicy ? { azurerm_key_vault_access_policy: { kms: policy } } : {}),
    } });
    const d = configurationDiff([s(true)], [s(false)]);
    expect(d.stacks[0].check.findings.map((f) => [f.kind, f.address, f.blocking])).toEqual([["grant-deleted", "azurerm_key_vault_access_policy.kms", true]]);
    expect(d.stacks[0].grants.map((g) => [g.change, g.role, g.scope])).toEqual([["lost", "Key Vault access policy (keys: Encrypt, Decrypt)", "azurerm_key_vault.kv"]]);
  });

  test("a group's Kubernetes access on a namespace, dropped: listed as access removed, not blocking", () => {
    const s = (withAccess: boolean) => parseStack("s", { resource: {
      azurerm_kubernetes_cluster: { c: cluster({ depends_on: [] }) },
      ...(withAccess ? { azurerm_role_assignment: { devs: { scope: "${azurerm_kubernetes_cluster.c.id}/namespaces/orders", role_definition_name: "Azure Kubernetes Service RBAC Writer", principal_id: "${var.devs}", principal_type: "Group" } } } : {}),
    } });
    const d = configurationDiff([s(true)], [s(false)]);
    expect(d.check.exitCode).toBe(0);
    expect(d.stacks[0].check.findings.map((f) => [f.kind, f.address, f.blocking])).toEqual([["kubernetes-access-removed", "azurerm_role_assignment.devs", false]]);
  });

  test("turning the OIDC issuer off blocks: AKS cannot turn it off, and azurerm 4.55 tries in place", () => {
    const s = (on: boolean) => parseStack("s", { resource: { azurerm_kubernetes_cluster: { c: cluster({ oidc_issuer_enabled: on, depends_on: [] }) } } });
    const d = configurationDiff([s(true)], [s(false)]);
    expect(d.stacks[0].check.findings.map((f) => [f.kind, f.blocking])).toEqual([["oidc-issuer-disabled", true]]);
    expect(configurationDiff([s(false)], [s(true)]).check.exitCode).toBe(0);
  });

  test("managed identity to service principal forces replacement (CustomizeDiff on service_principal.client_id)", () => {
    const mi = parseStack("s", { resource: { azurerm_kubernetes_cluster: { c: cluster({ depends_on: [] }) } } });
    const sp = parseStack("s", { resource: { azurerm_kubernetes_cluster: { c: { name: "c", service_principal: { client_id: "${var.id}", client_secret: "${var.secret}" } } } } });
    const d = configurationDiff([mi], [sp]);
    expect(d.stacks[0].check.findings.map((f) => f.kind)).toEqual(["cluster-replace", "mi-to-sp"]);
    expect(configurationDiff([sp], [mi]).stacks[0].check.findings.map((f) => [f.kind, f.blocking])).toEqual([["sp-to-mi", false]]);
  });
});
