/** A resource a role can be granted on: its ID, or any resource construct with an `id`. */
export type GrantScope = string | { readonly id: string };

/** The scope's resource ID (a token for a construct). */
export function scopeId(scope: GrantScope): string {
  if (typeof scope === "string") return scope;
  // JavaScript callers can pass anything: hand it on for validation to reject, rather than a TypeError here.
  return typeof scope === "object" && scope !== null ? scope.id : (scope as unknown as string);
}
