import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { IResolvable, Lazy, TerraformStack } from "cdktf";
import { withoutTokenStackTraces } from "../lib/private/token-stack-traces";
import { synthesizeApp } from "../lib/synth";

const lazy = (): IResolvable => Lazy.anyValue({ produce: () => 1 }) as IResolvable;

// The other tests run without token traces (__tests__/setup/token-stack-traces.ts); this file
// tests the skipping itself, so it runs with cdktf's own behaviour.
const skipped = (globalThis as Record<symbol, { lift(): void; skip(): void } | undefined>)[Symbol.for("cdktf-aks-identity.tests.tokenStackTraces")];
beforeAll(() => skipped?.lift());
afterAll(() => skipped?.skip());

describe("withoutTokenStackTraces", () => {
  test("tokens created inside record no creation stack; outside they do", () => {
    // WHEN a token is made inside and another outside
    const inside = withoutTokenStackTraces(lazy);
    const outside = lazy();
    // THEN
    expect(inside.creationStack).toEqual([]);
    expect(outside.creationStack.length).toBeGreaterThan(0);
  });

  test("collects no frames for cdktf's token traces, still does for other callers, and restores captureStackTrace", () => {
    // GIVEN a counting captureStackTrace in place
    const original = Error.captureStackTrace;
    const calls: object[] = [];
    Error.captureStackTrace = (target: object, below?: Parameters<typeof original>[1]) => { calls.push(target); original(target, below); };
    try {
      // WHEN a token is made inside, and someone captures onto a real error inside
      const mine = new Error("mine");
      withoutTokenStackTraces(() => { lazy(); Error.captureStackTrace(mine); });
      // THEN only the real error's capture reached V8, and the counting function is back
      expect(calls).toEqual([mine]);
      expect(Error.captureStackTrace).not.toBe(original);
      lazy();
      expect(calls.length).toBe(2);
    } finally {
      Error.captureStackTrace = original;
    }
  });

  test("real errors keep their message and stack, and errors propagate", () => {
    // WHEN an error's stack is read inside
    const stack = withoutTokenStackTraces(() => new Error("boom").stack);
    // THEN it is formatted as usual
    expect(stack).toMatch(/^Error: boom\n {4}at /);
    expect(() => withoutTokenStackTraces(() => { throw new Error("bad input"); })).toThrow("bad input");
  });

  test("restores the previous formatter, and uses it for real errors meanwhile", () => {
    // GIVEN a formatter of the caller's own
    const own = (e: Error) => `custom: ${e.message}`;
    Error.prepareStackTrace = own;
    try {
      // WHEN
      const stack = withoutTokenStackTraces(() => new Error("x").stack);
      // THEN
      expect(stack).toBe("custom: x");
      expect(Error.prepareStackTrace).toBe(own);
    } finally {
      delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    }
    // AND with none set, none is left behind, even after a throw
    expect(() => withoutTokenStackTraces(() => { throw new Error("x"); })).toThrow();
    expect(Object.prototype.hasOwnProperty.call(Error, "prepareStackTrace")).toBe(false);
  });
});

describe("synthesizeApp and token stack traces", () => {
  const run = (tokenStackTraces?: boolean): IResolvable => {
    let token: IResolvable | undefined;
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
    try {
      const result = synthesizeApp((app) => {
        new TerraformStack(app, "empty");
        token = lazy();
      }, { outdir: path.join(outdir, "out"), log: () => undefined, tokenStackTraces });
      expect(result.exitCode).toBe(0);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    return token!;
  };

  test("builds without them by default and with them when asked", () => {
    expect(run().creationStack).toEqual([]);
    expect(run(true).creationStack.length).toBeGreaterThan(0);
  });
});
