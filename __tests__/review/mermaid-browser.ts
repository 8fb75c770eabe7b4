/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, so they use DOM types.
import { Browser, chromium, Page } from "playwright-core";

/** Debian's chromium (installed by .ci/run); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];
const MERMAID = require.resolve("mermaid/dist/mermaid.min.js");

export interface Rendered { svg: boolean; labels: string[]; error: string }

/**
 * Headless Chromium with one page where Mermaid is loaded and initialized as GitHub does
 * (strict security), reused for every render: parsing mermaid.min.js takes seconds, as long as
 * the rendering itself.
 */
export class MermaidBrowser {
  public static async open(): Promise<MermaidBrowser> {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const page = await browser.newPage();
    const m = new MermaidBrowser(browser, page);
    page.on("pageerror", (e) => m.pageErrors.push(e.message));
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: MERMAID });
    await page.evaluate(() => {
      (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    });
    return m;
  }

  private readonly pageErrors: string[] = [];

  private constructor(private readonly browser: Browser, public readonly page: Page) {}

  /** Renders each diagram (mermaid.run over <pre class="mermaid">) and reads back the SVG: drawn or not, node labels, error text. */
  public async render(diagrams: readonly string[]): Promise<Rendered[]> {
    this.pageErrors.length = 0;
    const results = await this.page.evaluate(async (sources) => {
      document.body.replaceChildren(...sources.map((src, i) => {
        const pre = document.createElement("pre");
        pre.className = "mermaid";
        pre.id = `d${i}`;
        pre.textContent = src;
        return pre;
      }));
      await (window as unknown as { mermaid: { run(o: object): Promise<void> } }).mermaid.run({ querySelector: "pre.mermaid", suppressErrors: true });
      return sources.map((_, i) => {
        const el = document.getElementById(`d${i}`)!;
        return {
          svg: el.querySelector("svg") !== null && el.getAttribute("data-processed") === "true",
          labels: Array.from(el.querySelectorAll("g.node")).map((g) => (g.textContent ?? "").trim()),
          error: (el.textContent ?? "").includes("Syntax error") || el.querySelector(".error-icon") !== null ? (el.textContent ?? "") : "",
        };
      });
    }, [...diagrams]);
    if (this.pageErrors.length > 0) throw new Error(`page errors: ${this.pageErrors.join("; ")}`);
    return results;
  }

  public async close(): Promise<void> {
    await this.browser.close();
  }
}
