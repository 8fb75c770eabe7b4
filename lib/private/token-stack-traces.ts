/**
 * Runs `fn` without the stack traces cdktf records on every token it creates.
 *
 * cdktf captures a full stack trace (no depth limit) for each token, a hundred or so per
 * cluster, and keeps it only to print in messages about tokens it cannot resolve. Under
 * tsx or ts-node each trace is also mapped through source maps. At 100 clusters that was
 * 36% of a synth under tsx and 25% precompiled (issue 6's bench). cdktf reads the trace
 * from a plain holder object; those get an empty trace here, so the token's creation stack
 * is []. Real errors (anything with a `message`) are formatted as before.
 */
export function withoutTokenStackTraces<T>(fn: () => T): T {
  const restore = skipTokenStackTraces();
  try {
    return fn();
  } finally {
    restore();
  }
}

/** Stops the traces until the function it returns is called (which puts back what was there). */
export function skipTokenStackTraces(): () => void {
  const previous = Error.prepareStackTrace;
  const hadOwn = Object.prototype.hasOwnProperty.call(Error, "prepareStackTrace");
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    if (typeof error === "object" && error !== null && !("message" in error)) return "";
    if (previous) return previous(error as Error, frames);
    return `${String(error)}\n${frames.map((f) => `    at ${String(f)}`).join("\n")}`;
  };
  // Collecting the frames is most of the cost even when formatting is skipped: cdktf asks for
  // all of them. Its holder objects get an empty trace without any being collected.
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target: object, below?: Parameters<typeof capture>[1]) => {
    if (!("message" in target) && (target as { stack?: unknown }).stack === "") return;
    capture(target, below);
  };
  return () => {
    Error.captureStackTrace = capture;
    if (hadOwn) Error.prepareStackTrace = previous;
    else delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  };
}
