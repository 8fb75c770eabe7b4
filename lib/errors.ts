import { Token } from "cdktf";

/**
 * The library's one error type: every bad prop is reported with the construct path, the
 * prop, the value received, what is allowed and how to fix it.
 */
export class AksIdentityError extends Error {
  constructor(
    public readonly constructPath: string,
    public readonly prop: string,
    public readonly received: unknown,
    public readonly allowed: string,
    public readonly fix: string,
  ) {
    super(`[${constructPath}] ${prop}: received ${describeValue(received)}. ${allowed} Fix: ${fix}`);
    this.name = "AksIdentityError";
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (undefined)";
  if (typeof value === "string") {
    if (Token.isUnresolved(value)) return "a Terraform reference";
    return JSON.stringify(value);
  }
  if (typeof value === "object" && value !== null && "node" in value) {
    return `construct ${(value as { node: { path: string } }).node.path}`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
