import { IConstruct } from "constructs";
import { resolveTokens } from "../private/resolve";
import { StackRegistry } from "../private/stack-registry";
import { isLiteral } from "../private/validate";

/** A grant in the ledger: what is needed to return it or to name it in an error. */
export interface LedgerEntry {
  readonly node: { readonly path: string };
}

const LEDGER = new StackRegistry<LedgerEntry>();

/**
 * One role assignment per (scope, principal, role) in a stack: azurerm's create finds the
 * first and fails the second ("already exists", role_assignment_resource.go), after the apply
 * has started. Keys compare what Terraform will see: references by their resolved
 * `${...}` text, literal IDs case-insensitively, as Azure does.
 */
export function grantKey(scope: IConstruct, scopeId: string, principalId: string, roleGuid: string): string {
  const text = (v: string) => (isLiteral(v) ? v.toLowerCase() : String(resolveTokens(scope, v)));
  return `${text(scopeId)}|${text(principalId)}|${roleGuid}`;
}

export function findGrant<T extends LedgerEntry>(scope: IConstruct, key: string): T | undefined {
  return LEDGER.of(scope).get(key) as T | undefined;
}

export function recordGrant(scope: IConstruct, key: string, grant: LedgerEntry): void {
  LEDGER.of(scope).set(key, grant);
}
