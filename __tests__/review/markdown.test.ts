import { cell, code, table, text } from "../../lib/review/markdown";

describe("Markdown escaping layer", () => {
  test("table cells escape pipes, flatten every line terminator, and show empty as a dash", () => {
    expect(cell("a|b\nc").markdown).toBe("a\\|b c");
    expect(cell("a\rb\u2028c\u2029d\u0085e\r\nf").markdown).toBe("a b c d e f");
    expect(cell("  ").markdown).toBe("-");
  });

  test("a table has a header, a rule and one line per row; code cells escape pipes for the table extension", () => {
    expect(table(["A", "B"], [["1", "x|y"], [{ code: "a|b" }, ""]])).toBe("| A | B |\n| --- | --- |\n| 1 | x\\|y |\n| `a\\|b` | - |");
  });

  test("inline code survives backticks: the fence is longer than any run inside", () => {
    expect(code("a.b").markdown).toBe("`a.b`");
    expect(code("a`b").markdown).toBe("``a`b``");
    expect(code("`a``").markdown).toBe("``` `a`` ```");
    expect(code("x\ry").markdown).toBe("`x y`");
  });

  test("text escapes what starts Markdown, HTML, math or a link; words with underscores stay readable", () => {
    expect(text("<b>*x*</b> [l](u) $m$ ~~s~~ # _e_ snake_case").markdown).toBe("\\<b\\>\\*x\\*\\</b\\> \\[l\\](u) \\$m\\$ \\~\\~s\\~\\~ \\# \\_e\\_ snake_case");
    expect(text("https://x www.y.z a@b.c").markdown).toBe("https\\://x www\\.y.z a@<!-- -->b.c");
    // bidirectional overrides and controls cannot reorder or hide text
    expect(text("a\u202eb\u0000c").markdown).toBe("a\uFFFDb\uFFFDc");
  });
});
