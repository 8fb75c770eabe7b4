import { execFileSync } from "child_process";
import { planFromConfigurations } from "../../lib/review/configuration-plan";
import { FORCE_NEW, ForceNewRow } from "../../lib/review/force-new";
import { parseStack } from "../../lib/review/stack-model";

/** A body with `value` at the row's path (nested blocks as objects, as cdktf writes them). */
function bodyWith(path: string, value: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const keys = path.split(".");
  const body: Record<string, unknown> = { ...extra };
  let at = body;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) { if (value !== undefined) at[k] = value; return; }
    at[k] = { ...(at[k] as object ?? {}) };
    at = at[k] as Record<string, unknown>;
  });
  return body;
}

function planOf(row: ForceNewRow, before: unknown, after: unknown, extra: Record<string, unknown> = {}) {
  const stack = (value: unknown) => parseStack("s", { resource: { [row.type]: { r: bodyWith(row.path, value, extra) } } });
  const [rc] = planFromConfigurations(stack(before), stack(after), "test").resourceChanges;
  return { actions: rc.change.actions, paths: (rc.change.replace_paths ?? []).map((p) => p.filter((x) => typeof x === "string").join(".")) };
}

/** Values before and after that force replacement under the row's rule, and values that do not. */
function cases(row: ForceNewRow): { forces: [unknown, unknown]; keeps?: [unknown, unknown] } {
  switch (row.when) {
    case "change": return { forces: ["a", "b"], keeps: ["a", "a"] };
    case "block": return { forces: [undefined, {}], ...(row.computed ? { keeps: [{}, undefined] } : { keeps: [{}, {}] }) };
    case "unset": return { forces: ["a", undefined], keeps: [undefined, "a"] };
    case "from-managed-identity": return { forces: ["msi", "00000000-0000-0000-0000-0000000000aa"], keeps: ["00000000-0000-0000-0000-0000000000aa", "00000000-0000-0000-0000-0000000000bb"] };
    case "was-set": return { forces: ["azure", "cilium"], keeps: [undefined, "cilium"] };
    case "not-overlay": return { forces: ["overlay", "other"], keeps: [undefined, "overlay"] };
    case "renamed-unless-rotation": return { forces: ["pool1", "pool2"], keeps: ["temp", "pool1"] };
  }
}

describe("the ForceNew table (azurerm v4.55.0), one test per row", () => {
  test.each(FORCE_NEW.map((r) => [`${r.type} ${r.path} (${r.when}, ${r.source})`, r] as const))("%s", (_name, row) => {
    // GIVEN a configuration change at the row's path, WHEN diffed
    const { forces, keeps } = cases(row);
    const extra = row.when === "renamed-unless-rotation" ? { default_node_pool: { name: "x", temporary_name_for_rotation: "temp" } } : {};
    const forced = planOf(row, forces[0], forces[1], extra);
    // THEN the resource is replaced, forced by that path
    expect(forced.actions).toEqual(["delete", "create"]);
    expect(forced.paths).toContain(row.path);
    // and the change the rule allows in place does not replace it
    if (keeps) expect(planOf(row, keeps[0], keeps[1], extra).paths).not.toContain(row.path);
  });

  test("an Optional+Computed attribute dropped from the configuration keeps its value: no replacement", () => {
    const row = FORCE_NEW.find((r) => r.type === "azurerm_kubernetes_cluster" && r.path === "kubelet_identity.client_id")!;
    expect(planOf(row, "${azurerm_user_assigned_identity.k.client_id}", undefined).actions).toEqual(["update"]);
  });

  test("the default node pool's rotating properties change in place (temporary_name_for_rotation), they do not replace the cluster", () => {
    const s = (size: string) => parseStack("s", { resource: { azurerm_kubernetes_cluster: { c: { default_node_pool: { name: "p", vm_size: size, temporary_name_for_rotation: "tmp" } } } } });
    expect(planFromConfigurations(s("Standard_D2s_v5"), s("Standard_D4s_v5"), "t").resourceChanges[0].change.actions).toEqual(["update"]);
  });
});

// The provider's source, when a mirror with the tag is at hand (the `fetch` tool brings it); elsewhere
// the rows stand on their cited lines.
const MIRROR = "/work/.mirror/hashicorp+terraform-provider-azurerm/repo";
function mirrorHasTag(): boolean {
  try {
    execFileSync("git", ["-C", MIRROR, "rev-parse", "--verify", "--quiet", "v4.55.0^{commit}"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const haveMirror = mirrorHasTag();
(haveMirror ? describe : describe.skip)(`the table agrees with the provider source at v4.55.0${haveMirror ? "" : ` (skipped: ${MIRROR} not found)`}`, () => {
  const files = [...new Set(FORCE_NEW.map((r) => r.source.split(":")[0]))];
  // describe.skip still runs this body to collect its tests: read the source only when it is there.
  const sources = new Map(haveMirror ? files.map((f) => [f, execFileSync("git", ["-C", MIRROR, "show", `v4.55.0:${f}`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\n")] as const) : []);

  test.each(FORCE_NEW.map((r) => [`${r.type} ${r.path}`, r] as const))("%s: the cited line says so", (_name, row) => {
    const [file, lineText] = row.source.split(" ")[0].split(":");
    const line = sources.get(file)![Number(lineText) - 1];
    const leaf = row.path.split(".").pop()!;
    if (row.source.includes("commonschema")) expect(line).toMatch(new RegExp(`"${leaf}":\\s*commonschema\\.(Location|ResourceGroupName|ResourceIDReferenceRequiredForceNew)\\(`));
    else if (row.when === "change" || row.when === "block") expect(line).toMatch(/ForceNew:\s*true/);
    else expect(line).toContain(`"${row.path.split(".").map((p, i, all) => (i < all.length - 1 ? `${p}.0` : p)).join(".")}"`);
  });

  test("every ForceNew: true in those files is a row of the table", () => {
    for (const [file, lines] of sources) {
      const cited = new Set(FORCE_NEW.filter((r) => r.source.startsWith(`${file}:`)).map((r) => Number(r.source.split(":")[1].split(" ")[0])));
      const forceNew = lines.flatMap((l, i) => (/ForceNew:\s*true/.test(l) ? [i + 1] : []));
      expect(forceNew.filter((n) => !cited.has(n))).toEqual([]);
    }
  });
});
