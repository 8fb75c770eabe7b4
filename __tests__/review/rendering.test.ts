/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, so they use DOM types.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { Page } from "playwright-core";
import { buildReport, checkPlan, parsePlan, parseStack, planCheckMarkdown, reportMarkdown } from "../../lib/review";
import { configurationDiff } from "../../lib/review/configuration-diff";
import { oneLine } from "../../lib/review/markdown";
import { SCENARIOS } from "../../scenarios";
import { CHROMIUM, MermaidBrowser } from "./mermaid-browser";
import { scenarioStacks } from "./scenario-stacks";

/**
 * The report, plan-check and diff as GitHub shows them, in one headless Chromium for the file
 * (starting it and parsing mermaid.min.js cost about 3 s of CPU, as much as the rendering):
 * first every article scenario's diagram, then the hostile battery.
 *
 * The generated battery of issue 12: hostile strings from fast-check in every field that
 * reaches the report, plan-check and diff, rendered as GitHub renders a comment, then checked
 * in Chromium: every grant and finding visible outside collapsed elements, no element the
 * input made, every diagram drawn with all its nodes.
 *
 * cmark-gfm flags: GitHub renders comments with cmark-gfm and the table, strikethrough,
 * autolink, tagfilter and tasklist extensions, keeping raw HTML (`--unsafe`) and then
 * sanitizing it with an allowlist that keeps <details>, <img>, <a> among others. Rendering
 * with `--unsafe` and no sanitizer is stricter than GitHub: any element the input could make
 * shows up here.
 */
const CMARK = process.env.CMARK_GFM_PATH ?? "/usr/bin/cmark-gfm";
const CMARK_ARGS = ["--extension", "table", "--extension", "strikethrough", "--extension", "autolink", "--extension", "tagfilter", "--extension", "tasklist", "--unsafe"];
/**
 * Cases per writer (the report, whose every case draws a diagram, the slow part, gets half);
 * FC_SEED picks another sample (the default is fixed so a failure replays).
 */
const CASES = Number(process.env.BATTERY_CASES ?? 120);
const REPORT_CASES = Math.ceil(CASES / 2);
const SEED = Number(process.env.FC_SEED ?? 12);

/** Pieces a hostile author writes: every line terminator, HTML, Markdown, Mermaid directives and label breakers. */
const PIECES = [
  "\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\v", "\f", "\u202e", "\u0000",
  "<", ">", "<details>", "<img src=x onerror=alert(1)>", "</td></tr><tr><td>fake", "<!--", "-->", "&lt;", "&#60;",
  "`", "``", "|", "||", "\\", "\\|", "*", "_", "~~", "#", "# ", "- ", "1. ", "> ", "[x](https://evil.example)", "![i](https://evil.example/i.png)",
  "https://evil.example", "www.evil.example", "a@evil.example", "mailto:a@evil.example", "$x$", "[ ] ",
  "%%{init: {\"theme\": \"dark\", \"flowchart\": {\"htmlLabels\": true}}}%%", "%%{", "}%%", "%%", "]", "[", "]]", "[[", "(", ")", "{", "}", "\"", "'", "#quot;", "#35;", "-->", "-.->", ";", ":", "style n0 fill:#f00", "classDef", "click n0 call alert()",
  "Owner", "ﬂ°", "¶ß", "\u00a0", "😀", "é", "a", "b", "z", "0", "9", " ", "  ", ".", "/", "-",
];
const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((xs) => xs.join(""));
/** Stands for a hostile string in a key (a resource name or for_each key): still hostile, never empty. */
const key = (s: string, i: number) => `${s}${i}`;

interface Case { readonly markdown: string; readonly expectedRows: readonly string[]; readonly diagrams: number }

function reportCase(s: string[], i: number): Case {
  const [name, reason, scope, role, principal, subject, fk, fv] = s;
  const rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg";
  const stack = parseStack(key(s[8], i), {
    resource: {
      azurerm_kubernetes_cluster: { [key(name, i)]: { name, identity: { type: "UserAssigned", identity_ids: [`${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`] }, oms_agent: { log_analytics_workspace_id: scope } } },
      azurerm_role_assignment: {
        [key(`owner${name}`, i)]: { scope: `\${azurerm_subnet.s.id /* ${scope} */}`, role_definition_name: "Owner", principal_id: `\${azurerm_kubernetes_cluster.${key(name, i)}.oms_agent[0].oms_agent_identity[0].object_id}`, description: reason },
        [key(`lit${reason}`, i)]: { scope, role_definition_name: role, principal_id: principal, description: reason },
        [key("each", i)]: { for_each: { [fk]: fv, [key(fk, 1)]: rg }, scope: "${each.value}", role_definition_name: role, principal_id: "${each.key}", description: reason },
        [key("tmpl", i)]: { scope: `${rg}/${scope}\${var.x /* ${subject} */}`, role_definition_name: "Reader", principal_id: `\${lower(azurerm_user_assigned_identity.${key("w", i)}.principal_id)}` },
      },
      // A vault without Azure RBAC: its access policy is reported like a role assignment.
      azurerm_key_vault_access_policy: { [key(`kv${reason}`, i)]: { key_vault_id: scope, object_id: `\${azurerm_kubernetes_cluster.${key(name, i)}.oms_agent[0].oms_agent_identity[0].object_id}`, key_permissions: [role, reason], secret_permissions: [principal] } },
      azurerm_user_assigned_identity: { [key("w", i)]: { name: subject } },
      azurerm_federated_identity_credential: { f: { parent_id: `\${azurerm_user_assigned_identity.${key("w", i)}.id}`, issuer: `\${azurerm_kubernetes_cluster.${key(name, i)}.oidc_issuer_url}`, subject } },
    },
    module: { [key(subject, i)]: { source: "./x" } },
  });
  const report = buildReport([stack]);
  const rows = report.stacks.flatMap((st) => [...st.otherGrants, ...st.clusters.flatMap((c) => c.grants)]).map((g) => g.address);
  return { markdown: reportMarkdown(report), expectedRows: rows, diagrams: report.stacks.reduce((n, st) => n + st.clusters.length, 0) };
}

function planCase(s: string[], i: number): Case {
  const [address, scope, role, path, principal] = s;
  const grant = `azurerm_role_assignment.${key(address, i)}`;
  const cluster = `azurerm_kubernetes_cluster.${key(address, i + 1)}`;
  const policy = `azurerm_key_vault_access_policy.${key(role, i)}`;
  const access = `azurerm_role_assignment.${key(principal, i + 3)}`;
  const otherId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/other";
  const plan = parsePlan(JSON.stringify({
    format_version: "1.2",
    resource_changes: [
      { address: cluster, mode: "managed", type: "azurerm_kubernetes_cluster", name: "c", change: { actions: ["delete", "create"], before: { identity: [{ type: "SystemAssigned", principal_id: principal }], kubelet_identity: [{ user_assigned_identity_id: scope }] }, after: { identity: [{ type: "SystemAssigned" }], kubelet_identity: [{ user_assigned_identity_id: path }] }, replace_paths: [[path], ["kubelet_identity", 0, "client_id"]] } },
      { address: grant, mode: "managed", type: "azurerm_role_assignment", name: "g", change: { actions: ["delete"], before: { scope, role_definition_name: role, principal_id: principal }, after: null } },
      { address: `terraform_data.${key(path, i)}`, mode: "managed", type: "terraform_data", name: "t", change: { actions: ["delete", "create"], before: {}, after: {}, replace_paths: [[path]] } },
      { address: policy, mode: "managed", type: "azurerm_key_vault_access_policy", name: "p", change: { actions: ["delete"], before: { key_vault_id: scope, object_id: principal, key_permissions: [role, path] }, after: null } },
      { address: access, mode: "managed", type: "azurerm_role_assignment", name: "a", change: { actions: ["delete"], before: { scope: `${otherId}/namespaces/${path}`, role_definition_name: role, principal_id: `${path}-group`, principal_type: scope }, after: null } },
    ],
    prior_state: { values: { root_module: { resources: [
      { address: cluster, type: "azurerm_kubernetes_cluster", values: { identity: [{ principal_id: principal }] }, depends_on: [grant, policy] },
      { address: `azurerm_kubernetes_cluster.${key(scope, i + 2)}`, type: "azurerm_kubernetes_cluster", values: { id: otherId } },
    ] } } },
  }), "plan.json");
  const result = checkPlan(plan, { allowReplace: [key(role, i)] });
  return { markdown: planCheckMarkdown(result), expectedRows: [...result.findings.map((f) => f.address), ...result.otherChanges.map((c) => c.address)], diagrams: 0 };
}

function diffCase(s: string[], i: number): Case {
  const [name, scope, role, reason] = s;
  const stack = (withGrant: boolean, r: string) => parseStack(key(name, i), { resource: {
    azurerm_kubernetes_cluster: { c: { name, identity: { type: "SystemAssigned" }, depends_on: withGrant ? ["azurerm_role_assignment.g"] : [] } },
    azurerm_role_assignment: {
      ...(withGrant ? { g: { scope, role_definition_name: role, principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}", description: r } } : {}),
      [key(reason, i)]: { scope, role_definition_name: role, principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}", description: r },
    },
  } });
  const d = configurationDiff([stack(true, "a")], [stack(false, reason)]);
  return { markdown: d.markdown(), expectedRows: [...d.stacks.flatMap((st) => [...st.check.findings.map((f) => f.address), ...st.grants.map((g) => g.address)])], diagrams: 0 };
}

function cmark(markdown: string): string {
  return cmarkAll([markdown])[0];
}

/**
 * Each document through its own cmark-gfm process (so no document can spill into the next),
 * started by one shell: a fork of this large Node process per document took longer than the
 * rendering.
 */
function cmarkAll(markdown: readonly string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-cmark-"));
  try {
    markdown.forEach((m, i) => fs.writeFileSync(path.join(dir, `${i}.md`), m));
    const r = spawnSync("bash", ["-c", 'cmark="$1"; shift; for ((i = 0; i < N; i++)); do "$cmark" "$@" < "$i.md" > "$i.html" || exit 1; done', "cmark-all", CMARK, ...CMARK_ARGS], {
      cwd: dir, env: { ...process.env, N: String(markdown.length) }, encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`cmark-gfm failed: ${r.stderr}`);
    return markdown.map((_, i) => fs.readFileSync(path.join(dir, `${i}.html`), "utf8"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The elements this project's Markdown makes; anything else came from the input. */
const OURS = ["H1", "H2", "H3", "H4", "P", "TABLE", "THEAD", "TBODY", "TR", "TH", "TD", "CODE", "STRONG", "PRE", "UL", "LI", "BLOCKQUOTE"];

interface Inspected { foreign: string[]; cells: string[]; collapsed: number; mermaid: string[] }

async function inspect(page: Page, html: string[]): Promise<Inspected[]> {
  return page.evaluate(({ docs, ours }) => docs.map((h) => {
    const doc = new DOMParser().parseFromString(`<!doctype html><body>${h}</body>`, "text/html");
    const all = Array.from(doc.body.querySelectorAll("*"));
    return {
      foreign: all.filter((e) => !ours.includes(e.tagName) || (e.tagName === "CODE" && e.className !== "" && e.className !== "language-mermaid")).map((e) => e.outerHTML.slice(0, 120)),
      // Cells outside any collapsed element (there must be none, but a cell inside one would not count).
      cells: Array.from(doc.body.querySelectorAll("td")).filter((td) => !td.closest("details")).map((td) => td.textContent ?? ""),
      collapsed: doc.body.querySelectorAll("details").length,
      mermaid: Array.from(doc.body.querySelectorAll("pre > code.language-mermaid")).map((c) => c.textContent ?? ""),
    };
  }), { docs: html, ours: OURS });
}

async function renderDiagrams(browser: MermaidBrowser, diagrams: string[]): Promise<{ svg: boolean; nodes: number; error: string }[]> {
  return (await browser.render(diagrams)).map((r) => ({ svg: r.svg, nodes: r.labels.length, error: r.error.slice(0, 300) }));
}

const inCi = process.env.CI === "true";

/** Outside CI a missing system package skips with the reason; in CI it fails. */
function missing(what: string, install: string): void {
  if (inCi) {
    test(`${what} is installed for the rendering tests`, () => {
      throw new Error(`${what} not found: .ci/run must ${install} before npm test.`);
    });
  } else {
    test.skip(`rendering in Chromium: ${what} not found (${install}); CI=true fails instead of skipping`, () => undefined);
  }
}

if (!fs.existsSync(CHROMIUM)) {
  missing(CHROMIUM, "apt-get install -y chromium cmark-gfm");
} else {
  let browser: MermaidBrowser;
  beforeAll(async () => { browser = await MermaidBrowser.open(); });
  afterAll(async () => { await browser?.close(); });

  describe("the report's Mermaid diagrams render in headless Chromium", () => {
    test("every scenario's diagram becomes an SVG with the expected nodes and no error", async () => {
      // GIVEN: the report of every article scenario, as it goes into a PR comment
      const markdown = reportMarkdown(buildReport(scenarioStacks()));
      const diagrams = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
      expect(diagrams).toHaveLength(Object.keys(SCENARIOS).length);

      // WHEN: mermaid renders them in the browser
      const rendered = await browser.render(diagrams);

      // THEN: each is an SVG, no error shown, and the nodes carry identities, roles and scopes
      for (const r of rendered) {
        expect(r.error).toBe("");
        expect(r.svg).toBe(true);
        expect(r.labels.some((l) => l.startsWith("control plane"))).toBe(true);
      }
      const all = rendered.flatMap((r) => r.labels);
      expect(all).toEqual(expect.arrayContaining([
        "Network Contributor", "Managed Identity Operator", "AcrPull", "azurerm_subnet.mySubnet",
        "azurerm_route_table.myRouteTable", "azurerm_container_registry.myRegistry",
      ]));
      // The byo-kubelet diagram names the identity resource in the kubelet node.
      expect(all.some((l) => l.includes("kubelet") && l.includes("azurerm_user_assigned_identity.myKubeletIdentity_A7840E5E"))).toBe(true);
    });

    test("a broken diagram is reported as an error, so the check above can fail", async () => {
      // GIVEN: a diagram with an unclosed label WHEN rendered THEN no SVG of nodes, an error instead
      const [r] = await browser.render(["flowchart LR\n  n0[\"unclosed --> n1"]);
      expect(r.error).toContain("Syntax error");
      expect(r.labels).toEqual([]);
    });
  });

  if (!fs.existsSync(CMARK)) {
    missing(CMARK, "apt-get install -y cmark-gfm");
  } else {
    describe(`hostile input rendered as GitHub renders a comment (${REPORT_CASES} report, ${CASES} plan-check and ${CASES} diff cases, generated with seed ${SEED})`, () => {
      const strings = fc.sample(fc.array(hostile, { minLength: 9, maxLength: 9 }), { seed: SEED, numRuns: REPORT_CASES + 2 * CASES });
      const cases: [string, Case][] = [
        ...strings.slice(0, REPORT_CASES).map((s, i) => ["report", reportCase(s, i)] as [string, Case]),
        ...strings.slice(REPORT_CASES, REPORT_CASES + CASES).map((s, i) => ["plan-check", planCase(s, i)] as [string, Case]),
        ...strings.slice(REPORT_CASES + CASES).map((s, i) => ["diff", diffCase(s, i)] as [string, Case]),
      ];

      let page: Page;
      beforeAll(() => { page = browser.page; });

      test("every grant and finding is a visible table row, no element comes from the input, every diagram draws all its nodes", async () => {
        // GIVEN each writer's Markdown for hostile input, rendered by cmark-gfm
        const html = cmarkAll(cases.map(([, c]) => c.markdown));
        {
          // WHEN the HTML is read by Chromium's parser
          const inspected = await inspect(page, html);
          const problems: string[] = [];
          const diagrams: { source: string; nodes: number; at: number }[] = [];
          inspected.forEach((r, i) => {
            const [writer, c] = cases[i];
            const where = `${writer} case ${i} (FC_SEED=${SEED})`;
            // THEN no element the input made, nothing collapsed
            if (r.foreign.length > 0) problems.push(`${where}: elements from the input: ${r.foreign.join(" ")}`);
            if (r.collapsed > 0) problems.push(`${where}: ${r.collapsed} <details>`);
            // every grant or finding is in a cell
            for (const address of c.expectedRows) {
              const shown = oneLine(address).trim();
              if (!r.cells.some((cell) => cell.includes(shown))) problems.push(`${where}: ${JSON.stringify(address)} is in no visible table cell`);
            }
            if (r.mermaid.length !== c.diagrams) problems.push(`${where}: ${r.mermaid.length} diagrams, expected ${c.diagrams}`);
            for (const source of r.mermaid) diagrams.push({ source, nodes: source.split("\n").filter((l) => /^ {2}n\d+[([]/.test(l)).length, at: i });
          });
          // and every diagram, as GitHub's Mermaid draws it, shows every node it defines
          const drawn = await renderDiagrams(browser, diagrams.map((d) => d.source));
          drawn.forEach((d, j) => {
            const where = `${cases[diagrams[j].at][0]} case ${diagrams[j].at} (FC_SEED=${SEED})`;
            if (!d.svg || d.error !== "") problems.push(`${where}: diagram not drawn: ${d.error}`);
            else if (d.nodes !== diagrams[j].nodes) problems.push(`${where}: diagram draws ${d.nodes} of ${diagrams[j].nodes} nodes`);
          });
          expect(problems).toEqual([]);
          expect(diagrams.length).toBe(REPORT_CASES);
        }
      });

      test("the checks above can fail: unescaped hostile text makes elements, breaks rows and hides nodes", async () => {
        // GIVEN Markdown and a diagram written without the escaping layers
        const raw = cmark("| a | b |\n| --- | --- |\n| x\ry | <img src=x> |\n| <details> | z |\n");
        {
          const [r] = await inspect(page, [raw]);
          expect(r.foreign.some((e) => e.startsWith("<img"))).toBe(true);
          expect(r.collapsed).toBe(1);
          expect(r.cells.some((c) => c.includes("x y"))).toBe(false);
          // (a leading backtick starts a Markdown label: mermaid 11 then draws an error, not the nodes)
          const [d] = await renderDiagrams(browser, ["flowchart LR\n  n0[\"`a\"]\n  n1[\"c\"]\n  n0 --> n1"]);
          expect(d.svg && d.error === "" && d.nodes === 2).toBe(false);
        }
      });
    });
  }
}
