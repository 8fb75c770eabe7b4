import { SynthJson } from "./helpers";

/** The identity-related part of a synthesized stack: what scenario snapshots record. */
export interface IdentityBlocks {
  clusters: Record<string, Record<string, unknown>>;
  userAssignedIdentities: Record<string, Record<string, unknown>>;
  roleAssignments: Record<string, Record<string, unknown>>;
  migration: Record<string, Record<string, unknown>>;
  outputs: Record<string, unknown>;
}

const CLUSTER_IDENTITY_FIELDS = ["identity", "kubelet_identity", "service_principal", "depends_on"] as const;

/**
 * Picks the identity blocks out of a stack, without the rest of the document (node pools,
 * network, tags) and without cdktf's "//" metadata, so a snapshot changes only when an
 * identity, a grant, an ordering or an output does.
 */
export function identityBlocks(json: SynthJson): IdentityBlocks {
  const res = json.resource ?? {};
  const clusters = mapValues(res.azurerm_kubernetes_cluster ?? {}, (body) =>
    Object.fromEntries(CLUSTER_IDENTITY_FIELDS.filter((f) => body[f] !== undefined).map((f) => [f, body[f]])));
  const migration = Object.fromEntries(Object.entries(res.terraform_data ?? {})
    .filter(([, body]) => isMigrationPart(body))
    .map(([id, body]) => [id, stripMetadata(body)]));
  return {
    clusters,
    userAssignedIdentities: mapValues(res.azurerm_user_assigned_identity ?? {}, stripMetadata),
    roleAssignments: mapValues(res.azurerm_role_assignment ?? {}, stripMetadata),
    migration,
    outputs: json.output ?? {},
  };
}

function isMigrationPart(body: Record<string, unknown>): boolean {
  return String((body["//"] as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? "").includes("/Migration/");
}

function stripMetadata(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => k !== "//"));
}

function mapValues<T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

/** `${type.id.attr}`: the exact string cdktf writes for a reference. */
export function ref(address: string, attr: string): string {
  return `\${${address}.${attr}}`;
}

/** The name RoleGrant gives an assignment: Terraform's uuidv5 of scope, principal and role GUID. */
export function expectedGrantName(scope: string, principalId: string, roleGuid: string): string {
  return `\${uuidv5("url", "${scope}/${principalId}/${roleGuid}")}`;
}
