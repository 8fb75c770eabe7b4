import { skipTokenStackTraces } from "../../lib/private/token-stack-traces";

/**
 * The tests build stacks as `synthesizeApp` builds users' apps: without cdktf's stack trace per
 * token (a fifth of the CPU of the tests outside the property battery, which skips them itself).
 * Run once per jest worker (jest.config.js `setupFiles`). token-stack-traces.test.ts, which
 * tests the skipping itself, lifts it for its file through this global (a symbol, not an export:
 * importing this file again would skip twice).
 */
let restore: (() => void) | undefined = skipTokenStackTraces();
(globalThis as Record<symbol, unknown>)[Symbol.for("cdktf-aks-identity.tests.tokenStackTraces")] = {
  lift: () => { restore?.(); restore = undefined; },
  skip: () => { restore ??= skipTokenStackTraces(); },
};
