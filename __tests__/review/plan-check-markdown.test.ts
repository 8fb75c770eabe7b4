import { checkPlan, parsePlan, planCheckMarkdown } from "../../lib/review";
import { planText, SECRETS } from "./plan-fixtures";

const markdownOf = (name: string, options = {}) => planCheckMarkdown(checkPlan(parsePlan(planText(name)), options));

describe("the plan check as Markdown", () => {
  test("a blocking finding: summary, table row and details", () => {
    const md = markdownOf("cluster-replace.json");
    expect(md).toContain("Terraform 1.11.4 plan, format 1.2: 1 resource change(s), 1 cluster(s) changed.");
    expect(md).toContain("**🛑 1 blocking finding(s)**, 0 warning(s), 0 acknowledged. Exit code 2.");
    expect(md).toContain("| 🛑 blocking | Cluster replaced | `azurerm_kubernetes_cluster.aks` |");
    expect(md).toContain("- Forced by: `dns_prefix`.");
  });

  test("acknowledged and unmatched allowances are shown", () => {
    const md = markdownOf("cluster-replace.json", { allowReplace: ["azurerm_kubernetes_cluster.aks", "azurerm_kubernetes_cluster.typo"] });
    expect(md).toContain("**✅ Nothing blocks**: 0 warning(s), 1 acknowledged. Exit code 0.");
    expect(md).toContain("| acknowledged | Cluster replaced | `azurerm_kubernetes_cluster.aks` |");
    expect(md).toContain("> Note: `azurerm_kubernetes_cluster.typo` was allowed on the command line but matches no finding");
  });

  test("no identity change says so", () => {
    expect(markdownOf("no-identity-change.json")).toContain("No change to an AKS cluster's identities or to the role assignments they need.");
  });

  test.each(["mi-to-sp.json", "sp-to-mi.json", "terraform-data-replace.json", "cluster-replace.json", "kubelet-identity-change.json"])(
    "%s: no secret, kubeconfig or password value is printed", (name) => {
      const md = markdownOf(name);
      for (const secret of SECRETS) expect(md).not.toContain(secret);
      expect(md).not.toContain("apiVersion");
    });

  test("the fixtures do carry those values, so the test above can fail", () => {
    expect(planText("mi-to-sp.json")).toContain("fixture-sp-secret-never-printed");
    expect(planText("terraform-data-replace.json")).toContain("second-secret-never-printed");
    expect(planText("cluster-replace.json")).toContain("fixture-kubeconfig-token-never-printed");
  });
});
