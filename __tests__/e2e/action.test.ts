import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";

const ROOT = path.join(__dirname, "..", "..");
const ACTION = parse(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8")) as {
  runs: { using: string; steps: { name: string; shell?: string; run?: string; env?: Record<string, string> }[] };
  inputs: Record<string, { default?: string }>;
};

describe("action.yml", () => {
  test("is a composite action whose shell steps take inputs through env (no ${{ }} inside a script) and call scripts that exist", () => {
    expect(ACTION.runs.using).toBe("composite");
    for (const step of ACTION.runs.steps) {
      expect(step.shell).toBe("bash");
      // An input pasted into a script is a script injection; env is data.
      expect(step.run ?? "").not.toMatch(/\$\{\{/);
    }
    const review = ACTION.runs.steps.find((s) => s.name.startsWith("Report, diff"))!;
    expect(review.run).toContain("bash \"$GITHUB_ACTION_PATH/bin/pr-review.sh\"");
    expect(fs.existsSync(path.join(ROOT, "bin", "pr-review.sh"))).toBe(true);
    expect(ACTION.inputs["aks-identity-command"].default).toBe("npx --no-install aks-identity");
  });

  test("docs/pull-request-review.md's workflow uses the action", () => {
    const doc = fs.readFileSync(path.join(ROOT, "docs", "pull-request-review.md"), "utf8");
    const workflow = /```yaml\n(name: AKS identity review[\s\S]*?)```/.exec(doc)![1];
    const steps = (parse(workflow) as { jobs: Record<string, { steps: { uses?: string }[] }> }).jobs.review.steps;
    expect(steps.some((s) => s.uses?.endsWith("cdktf-aks-identity@v1") || s.uses === "./")).toBe(true);
  });
});

describe("bin/pr-review.sh, run as the action runs it, with gh replaced by a recorder", () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-action-")); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** One stack folder (cdk.tf.json) per side. */
  function outputs(headDropsGrant: boolean): { base: string; head: string } {
    const stack = (grant: boolean) => ({ resource: {
      azurerm_kubernetes_cluster: { c: { name: "c", identity: { type: "SystemAssigned" }, depends_on: grant ? ["azurerm_role_assignment.net"] : [] } },
      ...(grant ? { azurerm_role_assignment: { net: { scope: "${azurerm_subnet.s.id}", role_definition_name: "Network Contributor", principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}" } } } : {}),
    } });
    const write = (side: string, json: unknown) => {
      const folder = path.join(dir, side, "cdktf.out", "stacks", "app");
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, "cdk.tf.json"), JSON.stringify(json));
      return path.join(dir, side, "cdktf.out");
    };
    return { base: write("base", stack(true)), head: write("head", stack(!headDropsGrant)) };
  }

  function review(out: { base: string; head: string }, extra: Record<string, string> = {}) {
    const state = path.join(dir, "gh.json");
    if (!fs.existsSync(state)) fs.writeFileSync(state, JSON.stringify({ comments: [{ id: 7, body: "LGTM" }], calls: [] }));
    const summary = path.join(dir, "summary.md");
    const r = spawnSync("bash", [path.join(ROOT, "bin", "pr-review.sh")], {
      encoding: "utf8",
      env: {
        PATH: `${path.join(ROOT, "__tests__", "fixtures", "fake-gh")}:${process.env.PATH}`,
        BASE_OUT: out.base, HEAD_OUT: out.head,
        AKS_IDENTITY: `${process.execPath} ${path.join(ROOT, "bin", "aks-identity.js")}`,
        GITHUB_REPOSITORY: "contoso/infra", PR_NUMBER: "42", GH_TOKEN: "not-a-token",
        GITHUB_STEP_SUMMARY: summary, FAKE_GH_STATE: state, ...extra,
      },
      timeout: 120_000,
    });
    return { code: r.status, stderr: r.stderr, gh: JSON.parse(fs.readFileSync(state, "utf8")) as { comments: { id: number; body: string }[]; calls: string[][] }, summary: fs.readFileSync(summary, "utf8") };
  }

  test("a blocking finding: one new comment with the diff and the report, the job summary, and exit 2", () => {
    // GIVEN head deletes a grant the cluster depends on WHEN the review runs
    const r = review(outputs(true));
    // THEN the check fails with the diff's code
    expect(r.code).toBe(2);
    // one comment was added, marked, holding both parts, within GitHub's limit
    expect(r.gh.calls.map((c) => c.slice(0, 3).join(" "))).toEqual(["api --paginate repos/contoso/infra/issues/42/comments", "api --method POST"]);
    const [, mine] = r.gh.comments;
    expect(mine.body.startsWith("<!-- aks-identity-review -->\n## AKS identity diff")).toBe(true);
    expect(mine.body).toContain("| 🛑 blocking | Grant the cluster needs is deleted | `azurerm_role_assignment.net` |");
    expect(mine.body).toContain("# AKS identity report");
    expect(mine.body.length).toBeLessThanOrEqual(65_536);
    expect(r.summary).toContain("Grant the cluster needs is deleted");
  });

  test("the next push updates the same comment (found by its marker), and an allowance lets the check pass", () => {
    const out = outputs(true);
    review(out);
    // WHEN it runs again with the deletion acknowledged
    const r = review(out, { ALLOW_DELETE: "azurerm_role_assignment.net\n" });
    // THEN the comment is patched, not duplicated, and the check passes
    expect(r.code).toBe(0);
    expect(r.gh.comments.map((c) => c.id)).toEqual([7, 1001]);
    expect(r.gh.calls[r.gh.calls.length - 1].slice(0, 4)).toEqual(["api", "--method", "PATCH", "repos/contoso/infra/issues/comments/1001"]);
    expect(r.gh.comments[1].body).toContain("| acknowledged | Grant the cluster needs is deleted |");
    expect(r.gh.comments[0].body).toBe("LGTM");
  });

  test("a fork's read-only token: no comment, a message, the job summary still has the review, the exit code still counts", () => {
    const r = review(outputs(true), { FAKE_GH_READ_ONLY: "1" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("aks-identity: could not comment (a fork's read-only token?); the job summary has the review.");
    expect(r.summary).toContain("# AKS identity report");
  });
});
