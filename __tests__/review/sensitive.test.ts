import { PlanResourceChange } from "../../lib/review";
import { pathText, showText, valueAt } from "../../lib/review/sensitive";

const change: PlanResourceChange["change"] = {
  actions: ["update"],
  before: { name: "a", identity: [{ identity_ids: ["/x"], tenant_id: "t" }], service_principal: [{ client_id: "c", client_secret: "s3cr3t" }], kube_config_raw: "k" },
  after: { name: "b", identity: [{ identity_ids: ["/y"], tenant_id: null }], tags: { owner: "o" } },
  after_unknown: { identity: [{ tenant_id: true }] },
  before_sensitive: { kube_config_raw: true },
  after_sensitive: { identity: [{ identity_ids: true }], tags: { owner: true } },
};

describe("values are shown only when safe", () => {
  test("plain values are shown", () => {
    expect(valueAt(change, "before", ["name"])).toEqual({ kind: "value", value: "a" });
  });

  test("a path the plan marks sensitive, or a parent of a sensitive part, is hidden", () => {
    expect(showText(valueAt(change, "after", ["identity", 0, "identity_ids"]))).toBe("(sensitive)");
    expect(showText(valueAt(change, "after", ["identity", 0, "identity_ids", 0]))).toBe("(sensitive)");
    expect(showText(valueAt(change, "after", ["tags"]))).toBe("(sensitive)");
    expect(showText(valueAt(change, "before", ["identity", 0, "identity_ids"]))).toBe("[\"/x\"]");
  });

  test("client_secret and kube_config values are never shown, marked or not", () => {
    expect(showText(valueAt(change, "before", ["service_principal", 0, "client_secret"]))).toBe("(sensitive)");
    expect(showText(valueAt(change, "before", ["service_principal", 0]))).toBe("(sensitive)");
    expect(showText(valueAt({ ...change, before_sensitive: {} }, "before", ["kube_config_raw"]))).toBe("(sensitive)");
    expect(valueAt(change, "before", ["service_principal", 0, "client_id"])).toEqual({ kind: "value", value: "c" });
  });

  test("unknown and absent values say so", () => {
    expect(showText(valueAt(change, "after", ["identity", 0, "tenant_id"]))).toBe("(known after apply)");
    expect(showText(valueAt(change, "after", ["kubelet_identity", 0]))).toBe("(none)");
  });

  test("paths read as Terraform prints them", () => {
    expect(pathText(["kubelet_identity", 0, "client_id"])).toBe("kubelet_identity[0].client_id");
  });
});
