// eslint-disable-next-line @typescript-eslint/no-require-imports -- spyOn needs the module object itself; a namespace import is a copy under esbuild (tsx)
import childProcess = require("child_process");
import { DataResource, TerraformStack, Testing } from "cdktf";
import { TerraformData } from "../lib/private/terraform-data";

// terraform_data as cdktf's DataResource writes it, without its `terraform version` check.
function stackWith(make: (stack: TerraformStack) => void): Record<string, unknown> {
  const stack = new TerraformStack(Testing.app(), "test");
  make(stack);
  return (JSON.parse(Testing.synth(stack)) as { resource: { terraform_data: Record<string, unknown> } }).resource.terraform_data;
}

describe("TerraformData", () => {
  test("writes the same JSON as cdktf's DataResource", () => {
    // GIVEN the same config for both, with input, triggers, a dependency and a provisioner
    const config = (stack: TerraformStack) => ({
      input: { feature: "UserAssignedIdentityPreview" },
      triggersReplace: { identity_type: "UserAssigned" },
      dependsOn: [new DataResource(stack, "before")],
      provisioners: [{ type: "local-exec" as const, command: "az feature register --name X" }],
    });
    // WHEN each is synthesized
    const ours = stackWith((s) => new TerraformData(s, "data", config(s)));
    const cdktf = stackWith((s) => new DataResource(s, "data", config(s)));
    // THEN
    expect(ours).toEqual(cdktf);
    expect(ours.data).toMatchObject({
      input: { feature: "UserAssignedIdentityPreview" },
      triggers_replace: { identity_type: "UserAssigned" },
      depends_on: ["terraform_data.before"],
      provisioner: [{ "local-exec": { command: "az feature register --name X" } }],
    });
  });

  test("validates without running terraform, where DataResource runs `terraform version`", () => {
    // GIVEN one of each, and child processes observed
    const stack = new TerraformStack(Testing.app(), "test");
    const ours = new TerraformData(stack, "ours");
    const theirs = new DataResource(stack, "theirs");
    const execSync = jest.spyOn(childProcess, "execSync").mockReturnValue(Buffer.from("Terraform v1.11.4"));
    try {
      // WHEN ours validates, as `app.synth()` does
      expect(ours.node.validate()).toEqual([]);
      // THEN no process was started
      expect(execSync).not.toHaveBeenCalled();
      // AND DataResource, for contrast, starts one (75-100 ms, and an error without terraform)
      theirs.node.validate();
      expect(execSync).toHaveBeenCalledWith("terraform version", expect.anything());
    } finally {
      execSync.mockRestore();
    }
  });
});
