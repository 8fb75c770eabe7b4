import { execFileSync } from "child_process";
import * as fs from "fs";
import { buildReport, parseStack, reportMarkdown } from "../../lib/review";
import { scenarioStacks } from "./scenario-stacks";
import { GITHUB_COMMENT_LIMIT } from "../../lib/review/comment-size";

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

describe("a report too long for one GitHub comment (65,536 characters)", () => {
  test("is shortened to fit, says what it left out, and still lists every stack", () => {
    // GIVEN a stack with 3,000 grants (about 600,000 characters of Markdown in full)
    const grants = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`g${i}`, { scope: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-${i}`, role_definition_name: "Reader", principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}", description: "x".repeat(150) }]));
    const report = buildReport([parseStack("big", { resource: { azurerm_kubernetes_cluster: { c: { name: "c", identity: { type: "SystemAssigned" } } }, azurerm_role_assignment: grants } })]);
    expect(reportMarkdown(report).length).toBeGreaterThan(65_536);
    // WHEN limited to a comment's size
    const md = reportMarkdown(report, { maxLength: GITHUB_COMMENT_LIMIT });
    // THEN it fits, counts the grants per role, and says so
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toContain("> **Shortened to fit one comment**: the diagrams are left out and each table of role assignments is a count per role and identity.");
    expect(md).toContain("| Reader | control plane (azurerm_kubernetes_cluster.c.identity\\[0\\]) | 3000 |");
    expect(md).toContain("1 stack(s), 1 cluster(s), 3000 role assignment(s).");
  });
});

describe("hostile names and reasons keep the report's structure (rendered with cmark-gfm, as GitHub does)", () => {
  const cmark = process.env.CMARK_GFM_PATH ?? "/usr/bin/cmark-gfm";
  const name = "a cluster name with a newline and backticks, and a reason with CR and <details>, stay inside their heading and cell";
  // Without cmark-gfm: skipped with the reason outside CI; under CI=true the test runs and fails.
  const run = fs.existsSync(cmark) || process.env.CI === "true";
  (run ? test : test.skip)(run ? name : `${name} (skipped: ${cmark} not found, apt-get install -y cmark-gfm)`, () => {
    // GIVEN the findings of issue 12: a name that ends its heading and code span, a reason that ends its row and collapses the rest
    const stack = parseStack("s", { resource: {
      azurerm_kubernetes_cluster: { c: { name: "aks``\n## Approved by security\n``", identity: { type: "SystemAssigned" } } },
      azurerm_role_assignment: {
        a: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", role_definition_name: "Reader", principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}", description: "fine\r<details><summary>x</summary>" },
        b: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000", role_definition_name: "Owner", principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}", description: "<img src=https://evil.example/p.png>| fake | row |" },
      },
    } });
    // WHEN rendered
    const html = execFileSync(cmark, ["--extension", "table", "--extension", "autolink", "--extension", "tagfilter", "--unsafe"], { input: reportMarkdown(buildReport([stack])), encoding: "utf8" });
    // THEN one h2 (the stack), no injected heading, no HTML from the input, both grants are rows of one table
    expect(html.match(/<h2>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<details|<img|<summary/);
    expect(html).toContain("<h3>Cluster <code>aks`` ## Approved by security ``</code>");
    const grantsTable = html.split("<h4>Role assignments</h4>")[1].split("</table>")[0];
    expect(grantsTable.match(/<tr>/g)).toHaveLength(3);
    expect(grantsTable).toContain("fine &lt;details&gt;&lt;summary&gt;x&lt;/summary&gt;");
    expect(grantsTable).toContain("&lt;img src=https://evil.example/p.png&gt;| fake | row |");
  });
});
