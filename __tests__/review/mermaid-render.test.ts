/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, so they use DOM types.
import * as fs from "fs";
import { chromium } from "playwright-core";
import { buildReport, reportMarkdown } from "../../lib/review";
import { scenarioStacks } from "./scenario-stacks";
import { SCENARIOS } from "../../scenarios";

// Debian's chromium (installed by .ci/run); never a downloaded browser.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];
const MERMAID = require.resolve("mermaid/dist/mermaid.min.js");
const inCi = process.env.CI === "true";

interface Rendered { svg: boolean; labels: string[]; error: string }

/** Renders each diagram as GitHub does (mermaid.run over <pre class="mermaid">) and reads back the SVG. */
async function render(diagrams: string[]): Promise<Rendered[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    await page.setContent(`<!doctype html><html><body>${diagrams.map((d, i) => `<pre class="mermaid" id="d${i}">${escape(d)}</pre>`).join("")}</body></html>`);
    await page.addScriptTag({ path: MERMAID });
    await page.evaluate(async () => {
      const m = (window as unknown as { mermaid: { initialize(c: object): void; run(o: object): Promise<void> } }).mermaid;
      m.initialize({ startOnLoad: false, securityLevel: "strict" });
      await m.run({ querySelector: "pre.mermaid", suppressErrors: true });
    });
    const results = await page.evaluate((n: number) => Array.from({ length: n }, (_, i) => {
      const el = document.getElementById(`d${i}`)!;
      const svg = el.querySelector("svg");
      return {
        svg: svg !== null && el.getAttribute("data-processed") === "true",
        labels: Array.from(el.querySelectorAll("g.node")).map((g) => (g.textContent ?? "").trim()),
        error: (el.textContent ?? "").includes("Syntax error") || el.querySelector(".error-icon") !== null ? (el.textContent ?? "") : "",
      };
    }), diagrams.length);
    if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join("; ")}`);
    return results;
  } finally {
    await browser.close();
  }
}

if (!fs.existsSync(CHROMIUM)) {
  if (inCi) {
    test("chromium is installed for the Mermaid rendering test", () => {
      throw new Error(`Chromium not found at ${CHROMIUM}: .ci/run must install Debian's chromium (apt-get install -y chromium) before npm test.`);
    });
  } else {
    // Outside CI only: say why, rather than pass silently.
    test.skip(`Mermaid rendering in Chromium: ${CHROMIUM} not found (apt-get install -y chromium); CI=true fails instead of skipping`, () => undefined);
  }
} else {
  describe("the report's Mermaid diagrams render in headless Chromium", () => {
    jest.setTimeout(120_000);

    test("every scenario's diagram becomes an SVG with the expected nodes and no error", async () => {
      // GIVEN: the report of every article scenario, as it goes into a PR comment
      const markdown = reportMarkdown(buildReport(scenarioStacks()));
      const diagrams = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
      expect(diagrams).toHaveLength(Object.keys(SCENARIOS).length);

      // WHEN: mermaid renders them in the browser
      const rendered = await render(diagrams);

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
      const [r] = await render(["flowchart LR\n  n0[\"unclosed --> n1"]);
      expect(r.error).toContain("Syntax error");
      expect(r.labels).toEqual([]);
    });
  });
}
