import { TerraformStack, Testing, TerraformVariable } from "cdktf";
import { AksIdentityError, describeValue } from "../lib/errors";

describe("AksIdentityError", () => {
  test("names the construct path, the prop, the value, what is allowed and the fix", () => {
    // GIVEN / WHEN
    const e = new AksIdentityError({
      path: "app/aks",
      prop: "network.plugin",
      received: "Azure",
      problem: "Allowed: \"azure\".",
      fix: "use \"azure\".",
    });
    // THEN
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("AksIdentityError");
    expect(e.message).toBe("[app/aks] network.plugin: received \"Azure\". Allowed: \"azure\". Fix: use \"azure\".");
    expect(e).toMatchObject({ path: "app/aks", prop: "network.plugin", received: "Azure", problem: "Allowed: \"azure\".", fix: "use \"azure\"." });
  });

  test("describes values without dumping tokens or constructs", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const v = new TerraformVariable(stack, "v", { type: "string" });
    expect(describeValue(undefined)).toBe("nothing (undefined)");
    expect(describeValue(v.stringValue)).toBe("a Terraform reference");
    expect(describeValue(stack)).toBe("construct s");
    expect(describeValue({ a: 1 })).toBe("{\"a\":1}");
    expect(describeValue(3)).toBe("3");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe("[object Object]");
  });
});
