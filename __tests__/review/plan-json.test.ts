import { parsePlan, ReviewInputError } from "../../lib/review";
import { planText } from "./plan-fixtures";

function errorOf(text: string, source = "plan.json"): string {
  try {
    parsePlan(text, source);
  } catch (err) {
    expect(err).toBeInstanceOf(ReviewInputError);
    return (err as Error).message;
  }
  throw new Error("expected a ReviewInputError");
}

describe("reading terraform show -json output", () => {
  test("reads Terraform's own plan (format 1.2): changes, actions, replace_paths, action_reason, prior state", () => {
    // GIVEN: the fixture the Terraform CLI made WHEN parsed
    const plan = parsePlan(planText("terraform-data-replace.json"));
    // THEN
    expect(plan.formatVersion).toBe("1.2");
    expect(plan.terraformVersion).toBe("1.11.4");
    expect(plan.resourceChanges.map((c) => [c.address, c.change.actions, c.action_reason])).toEqual([
      ["terraform_data.cluster", ["delete", "create"], "replace_because_cannot_update"],
      ["terraform_data.grant[0]", ["delete"], "delete_because_count_index"],
      ["terraform_data.secret", ["update"], undefined],
    ]);
    expect(plan.resourceChanges[0].change.replace_paths).toEqual([["triggers_replace"]]);
    expect(plan.resourceChanges[2].change.after_sensitive).toEqual({ input: true });
    expect(plan.priorState.map((r) => r.address)).toEqual(["terraform_data.cluster", "terraform_data.grant[0]", "terraform_data.secret"]);
  });

  test("reads depends_on and sensitive_values of the prior state", () => {
    const plan = parsePlan(planText("grant-deleted.json"));
    const cluster = plan.priorState.find((r) => r.type === "azurerm_kubernetes_cluster")!;
    expect(cluster.dependsOn).toEqual(["azurerm_role_assignment.subnet_network_contributor", "azurerm_user_assigned_identity.control_plane"]);
    expect(cluster.sensitive).toMatchObject({ kube_config_raw: true });
  });

  test("reads resources of child modules in the prior state", () => {
    const text = JSON.stringify({ format_version: "1.2", resource_changes: [], prior_state: { values: { root_module: { child_modules: [{ resources: [{ address: "module.aks.azurerm_kubernetes_cluster.this", type: "azurerm_kubernetes_cluster", values: {} }] }] } } } });
    expect(parsePlan(text).priorState.map((r) => r.address)).toEqual(["module.aks.azurerm_kubernetes_cluster.this"]);
  });
});

describe("malformed input says what is wrong with the file", () => {
  test("not JSON (the human-readable plan)", () => {
    expect(errorOf(planText("malformed/not-json.txt"), "plan.txt")).toBe(
      "plan.txt is not JSON: it does not start with \"{\" (its content is not shown, in case it holds secrets). Expected the output of `terraform show -json <planfile>` (a JSON plan, format_version 1.x). It looks like human-readable Terraform output; use `terraform show -json <planfile>`.");
  });

  test("truncated", () => {
    expect(errorOf(planText("malformed/truncated.json"))).toMatch(/^plan\.json is truncated: the JSON stops in the middle of a value after 1500 bytes/);
    expect(errorOf("{\"format_version\": \"1.2\", \"resource_changes\": [")).toMatch(/^plan\.json is truncated/);
  });

  test("wrong format version", () => {
    expect(errorOf(planText("malformed/wrong-format-version.json"))).toBe(
      "plan.json has format_version \"2.0\"; this tool reads format 1.x (Terraform 1.x). Expected the output of `terraform show -json <planfile>` (a JSON plan, format_version 1.x).");
  });

  test("empty, a binary plan file, a configuration, state, an array, broken entries", () => {
    expect(errorOf("  \n")).toBe("plan.json is empty: expected the output of `terraform show -json <planfile>` (a JSON plan, format_version 1.x).");
    expect(errorOf("PK\u0003\u0004tfplan")).toContain("is a zip archive, probably a binary plan file from `terraform plan -out`");
    expect(errorOf(JSON.stringify({ resource: {} }))).toContain("has no format_version, so it is not the output of `terraform show -json <planfile>`");
    expect(errorOf(JSON.stringify({ resource: {} }))).toContain("It looks like a Terraform configuration (cdk.tf.json)");
    expect(errorOf(JSON.stringify({ format_version: "1.0", values: {} }))).toContain("it looks like state");
    expect(errorOf("[]")).toContain("holds a JSON array, not an object");
    expect(errorOf(JSON.stringify({ format_version: "1.2", resource_changes: [{ address: "a.b", type: "a" }] })))
      .toBe("plan.json: resource_changes[0] (a.b) has no change.actions list; the plan is damaged or not Terraform's format.");
    expect(errorOf("{\"format_version\" \"1.2\"}\n")).toContain("is not valid JSON at line 1, column 19");
  });
});
