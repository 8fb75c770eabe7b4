import { buildReport, parseStack, reportMarkdown } from "../../lib/review";
import { scenarioStacks } from "./scenario-stacks";

describe("the report as Markdown", () => {
  const md = reportMarkdown(buildReport(scenarioStacks().filter((s) => s.name === "byo-kubelet-identity")));

  test("has the identities, role assignments and defaults tables and a Mermaid block", () => {
    // THEN: the headings a reviewer scans for, and the rows with role, scope, principal, timing
    expect(md).toContain("## Stack `byo-kubelet-identity`");
    expect(md).toContain("### Cluster `myManagedCluster` (`azurerm_kubernetes_cluster.myManagedCluster_3120B930`)");
    expect(md).toContain("| Identity | Type | Created by | Bring your own | Resource |");
    expect(md).toContain("| kubelet | UserAssigned | this configuration (azurerm_user_assigned_identity.myKubeletIdentity_A7840E5E) | yes | `azurerm_user_assigned_identity.myKubeletIdentity_A7840E5E` |");
    expect(md).toMatch(/\| Managed Identity Operator \| `azurerm_user_assigned_identity\.myKubeletIdentity_A7840E5E` \| control plane \(azurerm_user_assigned_identity\.myIdentity_4E98E044\) \| before cluster \| control plane assigns the bring-your-own kubelet identity/);
    expect(md).toMatch(/\| AcrPull \| `azurerm_container_registry\.myRegistry` \| kubelet \(azurerm_user_assigned_identity\.myKubeletIdentity_A7840E5E\) \| before cluster \|/);
    expect(md).toContain("| control plane | Contributor | node resource group (MC\\_...) |");
    expect(md).toContain("| kubelet | none | - | AcrPull only where a registry is attached |");
    expect(md).toMatch(/```mermaid\nflowchart LR\n[\s\S]+?\n```/);
  });

  test("a literal client secret in the configuration is never printed, as Markdown or JSON", () => {
    // GIVEN: plain Terraform JSON with the secret written in (the library itself refuses that)
    const stack = parseStack("sp", { resource: { azurerm_kubernetes_cluster: { c: { name: "c", service_principal: { client_id: "00000000-0000-0000-0000-0000000000aa", client_secret: "literal-secret-never-printed" } } } } });
    const report = buildReport([stack]);
    // THEN: the client id is shown, the secret nowhere
    expect(reportMarkdown(report)).toContain("00000000-0000-0000-0000-0000000000aa");
    expect(reportMarkdown(report)).not.toContain("literal-secret-never-printed");
    expect(JSON.stringify(report)).not.toContain("literal-secret-never-printed");
  });

  test("a stack without a cluster says so", () => {
    expect(reportMarkdown({ stacks: [{ name: "empty", clusters: [], otherGrants: [], notRead: [] }] })).toContain("No `azurerm_kubernetes_cluster` in this stack.");
  });
});
