import { block, blocks, isObject } from "../../lib/terraform-json/blocks";

describe("nested blocks in Terraform JSON", () => {
  test("a block written as an object or as a list reads the same", () => {
    // GIVEN both shapes Terraform JSON allows WHEN read THEN the same block
    expect(block({ type: "SystemAssigned" })).toEqual({ type: "SystemAssigned" });
    expect(block([{ type: "SystemAssigned" }])).toEqual({ type: "SystemAssigned" });
    expect(blocks([{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
  });

  test("what is not an object is never a block", () => {
    // GIVEN a list starting with null, a list of lists, a whole-block reference
    // THEN the first object is the block (checks returned whatever came first, an array included)
    expect(block([null, { type: "UserAssigned" }])).toEqual({ type: "UserAssigned" });
    expect(block([["x"]])).toBeUndefined();
    expect(block("${var.identity}")).toBeUndefined();
    expect(blocks(null)).toEqual([]);
    expect(isObject([])).toBe(false);
  });
});
