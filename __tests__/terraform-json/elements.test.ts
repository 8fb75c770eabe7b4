import { constructPathOf, dependsOnAddresses, readElements, withoutMetadata } from "../../lib/terraform-json/elements";

const invalid = (message: string) => new Error(message);

describe("the elements of a Terraform JSON document", () => {
  test("resources, data sources and providers get their addresses", () => {
    // GIVEN a cdktf-style document with an aliased provider
    const json = {
      provider: { azurerm: [{ features: [{}] }, { alias: "gov", environment: "usgovernment" }] },
      resource: { azurerm_kubernetes_cluster: { c: { name: "c" } } },
      data: { azurerm_subnet: { s: { name: "s" } } },
    };
    // WHEN read
    const elements = readElements(json, "cdk.tf.json", invalid);
    // THEN
    expect(elements.map((e) => [e.kind, e.type, e.name, e.address])).toEqual([
      ["resource", "azurerm_kubernetes_cluster", "c", "azurerm_kubernetes_cluster.c"],
      ["data", "azurerm_subnet", "s", "data.azurerm_subnet.s"],
      ["provider", "azurerm", "", "azurerm"],
      ["provider", "azurerm", "gov", "azurerm.gov"],
    ]);
    // The body is the document's own object, so metadata written to it is seen by later readers.
    expect(elements[0].config).toBe(json.resource.azurerm_kubernetes_cluster.c);
  });

  test("the list forms plain Terraform JSON allows are read; a malformed resource section is an error, a malformed provider skipped", () => {
    // GIVEN list forms WHEN read THEN the same element
    expect(readElements({ resource: [{ azurerm_role_assignment: [{ a: [{ scope: "x" }] }] }] }, "x.tf.json", invalid).map((e) => [e.address, e.config.scope]))
      .toEqual([["azurerm_role_assignment.a", "x"]]);
    // GIVEN malformed sections THEN the message says where
    expect(() => readElements({ data: { azurerm_subnet: 3 } }, "x.tf.json", invalid)).toThrow("x.tf.json: data.azurerm_subnet must be an object keyed by resource name.");
    expect(() => readElements({ resource: ["oops"] }, "x.tf.json", invalid)).toThrow("x.tf.json: \"resource\" must be an object keyed by resource type.");
    expect(readElements({ provider: { azurerm: "oops" } }, "x.tf.json", invalid)).toEqual([]);
  });

  test("metadata and depends_on are read the way Terraform and cdktf write them", () => {
    // GIVEN a cdktf body with its construct path and both depends_on forms
    const config = { "//": { metadata: { path: "s/c" } }, name: "c", depends_on: ["${azurerm_role_assignment.g}", "azurerm_subnet.x", 7] };
    // THEN
    expect(constructPathOf(config)).toBe("s/c");
    expect(constructPathOf({ name: "c" })).toBeUndefined();
    expect(withoutMetadata(config)).toEqual({ name: "c", depends_on: config.depends_on });
    expect(config["//"]).toBeDefined();
    expect(dependsOnAddresses(config)).toEqual(["azurerm_role_assignment.g", "azurerm_subnet.x"]);
  });
});
