import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { TerraformStack, Testing } from "cdktf";
import { AksCluster, PodIdentityException } from "../lib";
import { unquoteHclReferences } from "../lib/private/hcl-references";
import { TerraformData } from "../lib/private/terraform-data";
import { newStack } from "./helpers";

// Terraform 1.11 warns "Quoted references are deprecated" for `provider = "kubernetes.aks"` and
// `depends_on = ["azurerm_x.y"]` in HCL; both CDKs' HCL renderers write them quoted.
// Testing.synthHcl does not indent (the CLI formats afterwards): lines are compared trimmed.
const hcl = (stack: TerraformStack): string => (Testing.synthHcl(stack) as string).split("\n").map((l) => l.trim()).join("\n");

describe("unquoteHclReferences", () => {
  test("a kubernetes_manifest names its provider as a bare reference in HCL, and as a string in JSON", () => {
    // GIVEN the pod identity exception, applied through the cluster's kubernetes provider
    const stack = newStack();
    new PodIdentityException(stack, "Exception", { cluster: new AksCluster(stack, "aks", {}), includeMicException: false });
    // WHEN synthesized both ways / THEN
    expect(hcl(stack)).toContain("\nprovider = kubernetes.aks\n");
    expect(hcl(stack)).not.toContain("provider = \"kubernetes.aks\"");
    expect(Testing.synth(stack)).toContain("\"provider\": \"kubernetes.aks\"");
  });

  test("terraform_data lists depends_on as bare references in HCL", () => {
    // GIVEN a terraform_data that waits for two resources
    const stack = newStack();
    const a = new ResourceGroup(stack, "a", { name: "a", location: "westus2" });
    const b = new ResourceGroup(stack, "b", { name: "b", location: "westus2" });
    new TerraformData(stack, "after", { dependsOn: [a, b] });
    // WHEN / THEN
    expect(hcl(stack)).toContain("\ndepends_on = [azurerm_resource_group.a, azurerm_resource_group.b]\n");
    expect(JSON.parse(Testing.synth(stack)).resource.terraform_data.after.depends_on).toEqual(["azurerm_resource_group.a", "azurerm_resource_group.b"]);
  });

  test("works on a provider binding's resource, and leaves its JSON as it was", () => {
    // GIVEN two identical stacks with an aliased provider and a dependency, one resource patched
    const build = (patch: boolean) => {
      const stack = new TerraformStack(Testing.app(), "test");
      const west = new AzurermProvider(stack, "west", { features: [{}], alias: "west" });
      const first = new ResourceGroup(stack, "first", { name: "first", location: "westus2" });
      const rg = new ResourceGroup(stack, "rg", { name: "rg", location: "westus2", provider: west, dependsOn: [first] });
      if (patch) unquoteHclReferences(rg);
      return stack;
    };
    // WHEN / THEN the HCL has bare references, where the unpatched stack has quoted ones
    expect(hcl(build(true))).toContain("\ndepends_on = [azurerm_resource_group.first]\nprovider = azurerm.west\n");
    expect(hcl(build(false))).toContain("\ndepends_on = [\n\"azurerm_resource_group.first\",\n]\nprovider = \"azurerm.west\"\n");
    // AND the JSON is byte-identical
    expect(Testing.synth(build(true))).toBe(Testing.synth(build(false)));
  });
});
