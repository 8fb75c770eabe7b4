import { cell, code, table } from "../../lib/review/markdown";

describe("Markdown helpers", () => {
  test("table cells escape pipes, flatten lines, and show empty as a dash", () => {
    expect(cell("a|b\nc")).toBe("a\\|b c");
    expect(cell("  ")).toBe("-");
  });

  test("a table has a header, a rule and one line per row", () => {
    expect(table(["A", "B"], [["1", "x|y"]])).toBe("| A | B |\n| --- | --- |\n| 1 | x\\|y |");
  });

  test("inline code survives a backtick", () => {
    expect(code("a.b")).toBe("`a.b`");
    expect(code("a`b")).toBe("`` a`b ``");
  });
});
