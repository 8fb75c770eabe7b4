import { WEB_APP_ROUTING, WEB_APP_ROUTING_ACCESS_POLICY } from "../addons/web-app-routing";
import { CONTROL_PLANE_GRANTS } from "../catalog/control-plane";
import { DISK_ENCRYPTION_SET_GRANTS } from "../catalog/disk-encryption-set";
import { CatalogAccessPolicy, KEY_VAULT_ACCESS_POLICIES } from "../catalog/key-vault-access-policies";
import { KUBERNETES_ACCESS_GRANTS } from "../catalog/kubernetes-access";
import { CatalogGrant, grantOf } from "../catalog/row";
import { replaceBetweenMarkers } from "./markers";

/** Markers around the generated table in README.md. */
export const SECURITY_TABLE_BEGIN = "<!-- generated:security-grants (npm run docs) -->";
export const SECURITY_TABLE_END = "<!-- /generated:security-grants -->";

interface Row {
  readonly feature: string;
  readonly what: CatalogGrant | CatalogAccessPolicy;
  readonly to: string;
  readonly timing: string;
}

const CONTROL_PLANE = "control-plane identity";

/** Every grant and access policy the security features make, in the README's order. */
const ROWS: readonly Row[] = [
  { feature: "KMS etcd encryption", what: CONTROL_PLANE_GRANTS.KmsKeyVaultCryptoUser, to: `user-assigned ${CONTROL_PLANE}`, timing: "before the cluster" },
  { feature: "KMS etcd encryption", what: KEY_VAULT_ACCESS_POLICIES.KmsKeyEncryptDecrypt, to: `user-assigned ${CONTROL_PLANE}`, timing: "before the cluster" },
  { feature: "KMS etcd encryption", what: CONTROL_PLANE_GRANTS.KmsKeyVaultContributor, to: `user-assigned ${CONTROL_PLANE}`, timing: "before the cluster" },
  { feature: "Disk encryption set", what: CONTROL_PLANE_GRANTS.DiskEncryptionSetReader, to: CONTROL_PLANE, timing: "before the cluster (user-assigned); after it (system-assigned)" },
  { feature: "Disk encryption set", what: DISK_ENCRYPTION_SET_GRANTS.KeyVaultCryptoServiceEncryptionUser, to: "the disk encryption set's identity", timing: "before the cluster" },
  ...Object.values(KUBERNETES_ACCESS_GRANTS).map((g) => ({ feature: "Entra ID: Kubernetes access", what: g, to: "an Entra user, group or identity", timing: "after the cluster (it is the scope)" })),
  { feature: "Web app routing certificates", what: grantOf(WEB_APP_ROUTING.catalog, "KeyVaultSecretsUser"), to: "web app routing identity", timing: "after the cluster" },
  { feature: "Web app routing certificates", what: WEB_APP_ROUTING_ACCESS_POLICY, to: "web app routing identity", timing: "after the cluster" },
];

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function grantText(what: CatalogGrant | CatalogAccessPolicy): { grant: string; scope: string } {
  if ("role" in what) return { grant: what.role.name, scope: what.scope };
  const perms = [["keys", what.keyPermissions], ["secrets", what.secretPermissions], ["certificates", what.certificatePermissions]] as const;
  const list = perms.filter(([, p]) => p.length > 0).map(([k, p]) => `${k} ${p.join(", ")}`).join("; ");
  return { grant: `access policy (${list})`, scope: "the key vault (access-policy mode)" };
}

/** The README's table of the security features' grants, generated from the catalog. */
export function renderSecurityGrantsTable(): string {
  return [
    "| Feature | Grant | To | On | When | Timing | Source |",
    "|---|---|---|---|---|---|---|",
    ...ROWS.map((r) => {
      const t = grantText(r.what);
      return `| ${[r.feature, t.grant, r.to, t.scope, r.what.when, r.timing, r.what.source].map(cell).join(" | ")} |`;
    }),
  ].join("\n");
}

/** README text with the security table replaced; throws when the markers are missing. */
export function replaceSecurityGrantsTable(readme: string, table = renderSecurityGrantsTable()): string {
  return replaceBetweenMarkers(readme, SECURITY_TABLE_BEGIN, SECURITY_TABLE_END, table);
}
