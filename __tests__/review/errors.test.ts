import { ReviewInputError } from "../../lib/review";
import { parseJsonText } from "../../lib/review/errors";

describe("JSON input errors", () => {
  test("valid JSON is returned", () => {
    expect(parseJsonText("{\"a\": 1}", "f.json", "x")).toEqual({ a: 1 });
  });

  test("errors are ReviewInputErrors naming the file and what was expected", () => {
    expect(() => parseJsonText("{\"a\": 1,", "f.json", "a plan")).toThrow(ReviewInputError);
    expect(() => parseJsonText("{\"a\": 1,", "f.json", "a plan")).toThrow(/^f\.json is truncated: the JSON stops in the middle of a value after 8 bytes .*Expected a plan;/);
    expect(() => parseJsonText("{\"a\" 1}", "f.json", "a plan")).toThrow("f.json is not valid JSON at line 1, column 6: Expected ':' after property name in JSON at position 5. Expected a plan.");
    expect(() => parseJsonText("hello", "f.json", "a plan")).toThrow("f.json is not JSON: it does not start with \"{\" (its content is not shown, in case it holds secrets). Expected a plan.");
  });
});
