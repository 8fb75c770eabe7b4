import { dependsOnAddress, expressionKey, parseReference, referencedAddresses, referenceKey, referencesIn, referenceText, splitTraversal } from "../../lib/terraform-json/expressions";

describe("Terraform JSON expressions", () => {
  test("a whole-string reference splits into address and attribute", () => {
    expect(parseReference("${azurerm_kubernetes_cluster.c.identity[0].principal_id}")).toEqual({ address: "azurerm_kubernetes_cluster.c", attribute: "identity[0].principal_id" });
    expect(parseReference("${data.azurerm_subnet.s.id}")).toEqual({ address: "data.azurerm_subnet.s", attribute: "id" });
    expect(parseReference("${var.subnet_id}")).toEqual({ address: "var.subnet_id", attribute: "" });
    expect(parseReference("/subscriptions/0/resourceGroups/rg")).toBeUndefined();
    expect(parseReference("${uuidv5(\"url\", \"x\")}")).toBeUndefined();
  });

  test("references are found inside function calls and mixed strings", () => {
    const refs = referencesIn("${uuidv5(\"url\", \"${azurerm_container_registry.r.id}/${azurerm_user_assigned_identity.k.principal_id}/7f95\")}");
    expect(refs).toEqual([
      { address: "azurerm_container_registry.r", attribute: "id" },
      { address: "azurerm_user_assigned_identity.k", attribute: "principal_id" },
    ]);
    expect(referencesIn({ a: ["${element(var.ids, 0)}"] })).toEqual([{ address: "var.ids", attribute: "" }]);
    expect(referencesIn("myregistry.azurecr.io")).toEqual([]);
  });

  test("legacy .0. and [0] traversals compare equal", () => {
    expect(expressionKey("${azurerm_kubernetes_cluster.c.identity.0.principal_id}")).toBe(expressionKey("${azurerm_kubernetes_cluster.c.identity[0].principal_id}"));
    expect(expressionKey("ABC")).toBe("abc");
  });

  // The tests below pin where lib/checks and lib/review used to read the same value differently.

  test("a legacy .0 index is written [0] in the reference itself, not only in its key", () => {
    // GIVEN a reference in HCL's legacy index style WHEN parsed
    const ref = parseReference("${azurerm_kubernetes_cluster.c.identity.0.principal_id}");
    // THEN the attribute is canonical (review kept `identity.0.principal_id` and normalised only keys)
    expect(ref).toEqual({ address: "azurerm_kubernetes_cluster.c", attribute: "identity[0].principal_id" });
    expect(referencesIn("${lower(azurerm_kubernetes_cluster.c.identity.0.principal_id)}")).toEqual([ref]);
  });

  test("only a Terraform traversal is a reference: no operators, computed indexes or surrounding text", () => {
    // GIVEN expressions review's pattern took for references WHEN parsed THEN none is one
    expect(parseReference("${var.count+1}")).toBeUndefined();
    expect(parseReference("${var.ids[count.index]}")).toBeUndefined();
    // A leading or trailing space makes a template whose value is not the referenced one (review trimmed it).
    expect(parseReference(" ${azurerm_subnet.s.id}")).toBeUndefined();
    // Any root is a whole-interpolation reference, as both readers had it.
    expect(parseReference("${count.index}")).toEqual({ address: "count.index", attribute: "" });
  });

  test("a count index on the object stays out of its address", () => {
    // GIVEN a counted resource's attribute (review made the address `azurerm_subnet.s[0]`)
    const ref = parseReference("${azurerm_subnet.s[0].id}")!;
    // THEN the address is the configuration's object, and the text reads as Terraform writes it
    expect(ref).toEqual({ address: "azurerm_subnet.s", attribute: "[0].id" });
    expect(referenceText(ref)).toBe("azurerm_subnet.s[0].id");
    expect(splitTraversal("data.azurerm_subnet.s.id")).toEqual({ address: "data.azurerm_subnet.s", attribute: "id" });
    expect(splitTraversal("module.m.out")).toEqual({ address: "module.m", attribute: "out" });
  });

  test("references are read from expressions only: literal text, escapes and metadata are not expressions", () => {
    // GIVEN text that names an address outside any interpolation (review found it), an escaped
    // interpolation, a `//` metadata key, and a bare identifier interpolation
    // WHEN references are collected THEN there are none
    expect(referencesIn("Granted to azurerm_kubernetes_cluster.c's kubelet before it exists.")).toEqual([]);
    expect(referencesIn("$${azurerm_subnet.s.id}")).toEqual([]);
    expect(referencesIn({ "//": { metadata: { note: "${azurerm_subnet.s.id}" } } })).toEqual([]);
    expect(referencesIn("${foo}")).toEqual([]);
  });

  test("references inside function calls and for expressions are found, once each", () => {
    // GIVEN traversals as function arguments (checks saw only `${a.b` at an interpolation's start)
    const refs = referencesIn(["${element(azurerm_subnet.s.address_prefixes, 0)}", "${[for x in azurerm_subnet.all : x.id]}", "${azurerm_subnet.s.address_prefixes}"]);
    // THEN each is found once, and a for expression's own variable names no object
    expect(refs).toEqual([{ address: "azurerm_subnet.s", attribute: "address_prefixes" }, { address: "azurerm_subnet.all", attribute: "" }]);
    expect([...referencedAddresses({ name: "${lower(azurerm_user_assigned_identity.k.name)}", depends_on: ["${var.x}"] })]).toEqual(["azurerm_user_assigned_identity.k", "var.x"]);
  });

  test("a key exists only for a value known to compare: a reference or a non-empty literal", () => {
    // GIVEN a template mixing a reference and text (review lower-cased it, folding resource names together)
    expect(expressionKey("${azurerm_virtual_network.MyVnet.id}/subnets/a")).toBeUndefined();
    // An empty string names nothing (checks keyed it as "").
    expect(expressionKey("")).toBeUndefined();
    expect(expressionKey(42)).toBeUndefined();
    // A reference's key is wrapped in ${}, so no literal can equal it (review's `a.b.id` could),
    // and has no trailing dot for a root-only reference (checks wrote `${var.x.}`).
    expect(expressionKey("azurerm_subnet.s.id")).not.toBe(expressionKey("${azurerm_subnet.s.id}"));
    expect(expressionKey("${var.x}")).toBe("${var.x}");
    expect(referenceKey({ address: "azurerm_user_assigned_identity.k", attribute: "principal_id" })).toBe(expressionKey("${azurerm_user_assigned_identity.k.principal_id}"));
  });

  test("a depends_on entry names an object, however it is written", () => {
    // GIVEN cdktf's `${...}` form, plain Terraform's bare form, and an attribute reference
    // THEN each is the object's address (checks kept `${x.y.id}` as `x.y.id`, review kept a bare entry's attribute)
    expect(dependsOnAddress("${azurerm_role_assignment.g}")).toBe("azurerm_role_assignment.g");
    expect(dependsOnAddress(" azurerm_role_assignment.g ")).toBe("azurerm_role_assignment.g");
    expect(dependsOnAddress("${azurerm_subnet.s.id}")).toBe("azurerm_subnet.s");
    expect(dependsOnAddress("azurerm_subnet.s.id")).toBe("azurerm_subnet.s");
    expect(dependsOnAddress("data.azurerm_subnet.s")).toBe("data.azurerm_subnet.s");
    expect(dependsOnAddress("module.network")).toBe("module.network");
  });
});
