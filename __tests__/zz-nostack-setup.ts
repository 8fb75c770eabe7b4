const previous = Error.prepareStackTrace;
Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
  if (typeof error === "object" && error !== null && !("message" in error)) return "";
  if (previous) return previous(error as Error, frames);
  return `${String(error)}\n${frames.map((f) => `    at ${String(f)}`).join("\n")}`;
};
const capture = Error.captureStackTrace;
Error.captureStackTrace = (target: object, below?: Parameters<typeof capture>[1]) => {
  if (!("message" in target) && (target as { stack?: unknown }).stack === "") return;
  capture(target, below);
};
