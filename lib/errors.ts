import { Token } from "cdktf";

/** What an {@link AksIdentityError} says: where, which prop, the value, what is wrong and how to fix it. */
export interface AksIdentityErrorDetails {
  /** The construct path. */
  readonly path: string;
  /** The prop at fault, as the user wrote it (`network.subnet`, `addons.monitoring.msiAuth`). */
  readonly prop: string;
  /** The value received; echoed through {@link describeValue}. */
  readonly received: unknown;
  /** What is wrong, or what is allowed. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * The library's one error type: every bad prop is reported with the construct path, the
 * prop, the value received, what is wrong and how to fix it.
 */
export class AksIdentityError extends Error {
  public readonly path: string;
  public readonly prop: string;
  public readonly received: unknown;
  public readonly problem: string;
  public readonly fix: string;

  constructor(details: AksIdentityErrorDetails) {
    super(`[${details.path}] ${details.prop}: received ${describeValue(details.received)}. ${details.problem} Fix: ${details.fix}`);
    this.name = "AksIdentityError";
    this.path = details.path;
    this.prop = details.prop;
    this.received = details.received;
    this.problem = details.problem;
    this.fix = details.fix;
  }
}

/** How a received value is echoed in errors and guardrail findings: tokens and constructs by name, never dumped. */
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
