import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { App, DefaultTokenResolver, StringConcat, TerraformStack, Testing, Tokenization } from "cdktf";
import { AksCluster, AksIdentityError, BuiltInRole, GrantScope, RoleGrant } from "../lib";
import { synthesizeApp } from "../lib/synth";
import { buildExampleApp } from "../scenarios";

/** A fresh stack with the azurerm provider, as users write them. */
export function newStack(id = "test"): TerraformStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return stack;
}

export interface SynthJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean; description?: string }>;
  [k: string]: unknown;
}

/** Synthesizes a stack to its Terraform JSON. */
export function synthJson(stack: TerraformStack): SynthJson {
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}

/** The resources of one type, keyed by logical id. */
export function resources(json: SynthJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** Exactly one resource of a type: its logical id and body. */
export function only(json: SynthJson, type: string): { id: string; body: Record<string, unknown> } {
  const all = Object.entries(resources(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return { id: all[0][0], body: all[0][1] };
}

/** Annotations (warnings, errors) added while the stack is synthesized. */
export function annotationsOf(stack: TerraformStack): { level: string; message: string; path: string }[] {
  Testing.synth(stack, false);
  return stack.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type.startsWith("@cdktf/"))
      .map((m) => ({ level: m.type, message: String(m.data), path: c.node.path })));
}

export function appOf(stack: TerraformStack): App {
  return stack.node.root as App;
}

/** Runs fn and returns the AksIdentityError it throws (failing the test if it throws nothing or something else). */
export function thrownAksError(fn: () => unknown): AksIdentityError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AksIdentityError) return e;
    throw e;
  }
  throw new Error("expected an AksIdentityError, but nothing was thrown");
}

/** What a token renders as in this stack's Terraform JSON, e.g. "${azurerm_x.y.id}". */
export function resolveIn(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}

/** A grant to the cluster's control plane, made the one public way (new RoleGrant); the cluster orders it. */
export function grantControlPlane(cluster: AksCluster, id: string, role: BuiltInRole, scope: GrantScope, reason: string): RoleGrant {
  return new RoleGrant(cluster, id, { principal: cluster.controlPlanePrincipal, role, scope, reason });
}

/** A grant to the cluster's kubelet identity; the cluster orders it. */
export function grantKubelet(cluster: AksCluster, id: string, role: BuiltInRole, scope: GrantScope, reason: string): RoleGrant {
  return new RoleGrant(cluster, id, { principal: cluster.kubeletPrincipal, role, scope, reason });
}

/**
 * The command that runs a TypeScript app as `npm run synth` does: this Node with tsx's loader,
 * named by its path so the app may run in any folder (the `.bin/tsx` wrapper starts a second
 * Node process, about 0.2 s more per run).
 */
export function tsxCommand(app: string, ...args: string[]): [string, string[]] {
  return [process.execPath, ["--import", pathToFileURL(require.resolve("tsx")).href, app, ...args]];
}

/** A temporary folder for one test file: made before its tests, removed after them. The result gives its path. */
export function fileTempFolder(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix)); });
  afterAll(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });
  return () => dir!;
}

/** The example app synthesized as `npm run synth` does, into a cdktf.out folder, before the file's tests. The result gives its path. */
export function synthesizedExampleApp(): () => string {
  const folder = fileTempFolder("aks-identity-");
  let outdir: string | undefined;
  beforeAll(() => {
    outdir = path.join(folder(), "cdktf.out");
    expect(synthesizeApp(buildExampleApp, { outdir, log: () => undefined }).exitCode).toBe(0);
  });
  return () => outdir!;
}
