import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { TerraformStack } from "cdktf";
import { BuiltInRole, findRole, LEAST_PRIVILEGE_ROLES, LeastPrivilegeRole, PRIVILEGED_ROLES, Roles } from "../../lib";
import { parseResourceId } from "../../lib/private/resource-id";
import { JsonObject } from "../../lib/terraform-json/blocks";
import { checkTerraformSemantics } from "../../lib/terraform-json/semantics";
import { SynthJson } from "../helpers";
import { AddonKey, BuiltStack, resolveIn } from "./build";

/** Holders of a grant: the control plane, the kubelet, an add-on identity (AKS makes it with the cluster), a workload identity. */
export type PurposePrincipal = "control-plane" | "kubelet" | `addon:${AddonKey}` | "workload"
  /** A disk encryption set's own identity. */
  | "disk-encryption-set"
  /** An Entra user, group or identity given Kubernetes access. */
  | "kubernetes-user";

/**
 * Resource types a grant's scope may have: an ARM type (`resourceGroup` for a group), matched
 * case-insensitively against a literal ID, the Terraform type of a reference, or the prefix
 * cut from a reference with `join("/", slice(split("/", id), 0, n))`.
 */
const SCOPE_TYPES: Record<string, { readonly arm: string; readonly tf: readonly string[]; readonly cut?: number }> = {
  subnet: { arm: "microsoft.network/virtualnetworks/subnets", tf: ["azurerm_subnet"] },
  vnet: { arm: "microsoft.network/virtualnetworks", tf: ["azurerm_virtual_network"], cut: 9 },
  routeTable: { arm: "microsoft.network/routetables", tf: ["azurerm_route_table"] },
  identity: { arm: "microsoft.managedidentity/userassignedidentities", tf: ["azurerm_user_assigned_identity"] },
  registry: { arm: "microsoft.containerregistry/registries", tf: ["azurerm_container_registry"] },
  privateZone: { arm: "microsoft.network/privatednszones", tf: ["azurerm_private_dns_zone"] },
  publicZone: { arm: "microsoft.network/dnszones", tf: ["azurerm_dns_zone"] },
  group: { arm: "resourcegroup", tf: ["azurerm_resource_group"], cut: 5 },
  gateway: { arm: "microsoft.network/applicationgateways", tf: ["azurerm_application_gateway"] },
  cluster: { arm: "microsoft.containerservice/managedclusters", tf: ["azurerm_kubernetes_cluster"] },
  vault: { arm: "microsoft.keyvault/vaults", tf: ["azurerm_key_vault"] },
  storage: { arm: "microsoft.storage/storageaccounts", tf: ["azurerm_storage_account"] },
  publicIp: { arm: "microsoft.network/publicipaddresses", tf: ["azurerm_public_ip"] },
  publicIpPrefix: { arm: "microsoft.network/publicipprefixes", tf: ["azurerm_public_ip_prefix"] },
  diskEncryptionSet: { arm: "microsoft.compute/diskencryptionsets", tf: ["azurerm_disk_encryption_set"] },
  namespace: { arm: "microsoft.containerservice/managedclusters/namespaces", tf: [] },
};
type ScopeType = keyof typeof SCOPE_TYPES;

interface Purpose {
  readonly roles: readonly BuiltInRole[];
  /** The least-privilege custom role the purpose may use instead (the cluster's opt-in). */
  readonly leastPrivilege?: LeastPrivilegeRole;
  readonly principal: PurposePrincipal;
  /** The narrowest scopes the purpose needs. */
  readonly scopes: readonly ScopeType[];
}

/**
 * What each grant is for, by its construct id (the longest key that is the id or a "-"-prefix
 * of it): the roles allowed, whose principal holds it, and on which kinds of scope. A grant
 * with a purpose missing here fails the property test, so a new grant helper (an add-on's, a
 * guardrail's fix) adds one row.
 */
export const GRANT_PURPOSES: Record<string, Purpose> = {
  SubnetNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], leastPrivilege: LEAST_PRIVILEGE_ROLES.SubnetJoin, principal: "control-plane", scopes: ["subnet"] },
  RouteTableNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "control-plane", scopes: ["routeTable"] },
  KubeletIdentityOperator: { roles: [Roles.MANAGED_IDENTITY_OPERATOR], principal: "control-plane", scopes: ["identity"] },
  VnetNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "control-plane", scopes: ["vnet", "subnet"] },
  StaticIpNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "control-plane", scopes: ["group"] },
  DiskContributor: { roles: [Roles.CONTRIBUTOR], principal: "control-plane", scopes: ["group"] },
  AcrPull: { roles: [Roles.ACR_PULL], principal: "kubelet", scopes: ["registry"] },
  PrivateDnsZoneContributor: { roles: [Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR], leastPrivilege: LEAST_PRIVILEGE_ROLES.PrivateDnsZone, principal: "control-plane", scopes: ["privateZone"] },
  // The production network (lib/catalog/control-plane-network.ts).
  PrivateDnsZoneVnetNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "control-plane", scopes: ["vnet"] },
  ApiServerSubnetNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "control-plane", scopes: ["subnet"] },
  NodePoolSubnetNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], leastPrivilege: LEAST_PRIVILEGE_ROLES.SubnetJoin, principal: "control-plane", scopes: ["subnet"] },
  PodSubnetNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], leastPrivilege: LEAST_PRIVILEGE_ROLES.SubnetJoin, principal: "control-plane", scopes: ["subnet"] },
  OutboundIpNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "control-plane", scopes: ["publicIp"] },
  OutboundIpPrefixNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "control-plane", scopes: ["publicIpPrefix"] },
  CapacityReservationGroupContributor: { roles: [Roles.CONTRIBUTOR], principal: "control-plane", scopes: ["group"] },
  HostGroupContributor: { roles: [Roles.CONTRIBUTOR], principal: "control-plane", scopes: ["group"] },
  NodePublicIpPrefixNetworkContributor: { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "control-plane", scopes: ["group"] },
  // Add-ons (lib/addons/catalog.ts): `<AddonPrefix>-<catalog grant id>[-<key>]`, to the add-on's own identity.
  "IngressApplicationGateway-GatewayResourceGroupNetworkContributor": { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "addon:ingressApplicationGateway", scopes: ["group"] },
  "IngressApplicationGateway-GatewayResourceGroupReader": { roles: [Roles.READER], principal: "addon:ingressApplicationGateway", scopes: ["group"] },
  "IngressApplicationGateway-GatewaySubnetNetworkContributor": { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "addon:ingressApplicationGateway", scopes: ["subnet"] },
  "IngressApplicationGateway-SubnetNetworkContributor": { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "addon:ingressApplicationGateway", scopes: ["subnet"] },
  "OmsAgent-MetricsPublisher": { roles: [Roles.MONITORING_METRICS_PUBLISHER], principal: "addon:omsAgent", scopes: ["cluster"] },
  "VirtualNode-VirtualNetworkContributor": { roles: [Roles.CONTRIBUTOR], principal: "addon:virtualNode", scopes: ["vnet"] },
  "VirtualNode-SubnetNetworkContributor": { roles: [Roles.NETWORK_CONTRIBUTOR], principal: "addon:virtualNode", scopes: ["subnet"] },
  "KeyVaultSecretsProvider-KeyVaultSecretsUser": { roles: [Roles.KEY_VAULT_SECRETS_USER], principal: "addon:keyVaultSecretsProvider", scopes: ["vault"] },
  "KeyVaultSecretsProvider-KeyVaultCertificateUser": { roles: [Roles.KEY_VAULT_CERTIFICATE_USER], principal: "addon:keyVaultSecretsProvider", scopes: ["vault"] },
  "WebAppRouting-DnsZoneContributor": { roles: [Roles.DNS_ZONE_CONTRIBUTOR], principal: "addon:webAppRouting", scopes: ["publicZone"] },
  "WebAppRouting-PrivateDnsZoneContributor": { roles: [Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR], principal: "addon:webAppRouting", scopes: ["privateZone"] },
  // WorkloadIdentity.grant in build.ts: the application's own roles.
  WorkloadSecretsUser: { roles: [Roles.KEY_VAULT_SECRETS_USER], principal: "workload", scopes: ["vault"] },
  WorkloadBlobReader: { roles: [Roles.STORAGE_BLOB_DATA_READER], principal: "workload", scopes: ["storage"] },
  // Security features (lib/cluster/security.ts, kubernetes-access.ts) and web app routing's Key Vault certificates.
  KmsKeyVaultCryptoUser: { roles: [Roles.KEY_VAULT_CRYPTO_USER], principal: "control-plane", scopes: ["vault"] },
  KmsKeyVaultContributor: { roles: [Roles.KEY_VAULT_CONTRIBUTOR], principal: "control-plane", scopes: ["vault"] },
  DiskEncryptionSetReader: { roles: [Roles.READER], principal: "control-plane", scopes: ["diskEncryptionSet"] },
  DiskEncryptionSetKeyVaultAccess: { roles: [Roles.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER], principal: "disk-encryption-set", scopes: ["vault"] },
  KubernetesRbacReader: { roles: [Roles.AKS_RBAC_READER], principal: "kubernetes-user", scopes: ["cluster", "namespace"] },
  KubernetesRbacWriter: { roles: [Roles.AKS_RBAC_WRITER], principal: "kubernetes-user", scopes: ["cluster", "namespace"] },
  KubernetesRbacAdmin: { roles: [Roles.AKS_RBAC_ADMIN], principal: "kubernetes-user", scopes: ["cluster", "namespace"] },
  KubernetesRbacClusterAdmin: { roles: [Roles.AKS_RBAC_CLUSTER_ADMIN], principal: "kubernetes-user", scopes: ["cluster"] },
  KubernetesClusterUser: { roles: [Roles.AKS_CLUSTER_USER], principal: "kubernetes-user", scopes: ["cluster"] },
  "WebAppRouting-KeyVaultSecretsUser": { roles: [Roles.KEY_VAULT_SECRETS_USER], principal: "addon:webAppRouting", scopes: ["vault"] },
};

/** azurerm's block and attribute for each add-on identity: `<block>[0].<attribute>[0].object_id`. */
export const ADDON_BLOCKS: Record<AddonKey, readonly [string, string]> = {
  ingressApplicationGateway: ["ingress_application_gateway", "ingress_application_gateway_identity"],
  omsAgent: ["oms_agent", "oms_agent_identity"],
  virtualNode: ["aci_connector_linux", "connector_identity"],
  keyVaultSecretsProvider: ["key_vault_secrets_provider", "secret_identity"],
  webAppRouting: ["web_app_routing", "web_app_routing_identity"],
};

export interface Checked {
  readonly json: SynthJson;
  readonly text: string;
  readonly built: BuiltStack;
}

type Body = Record<string, unknown>;
export interface Invariant {
  readonly name: string;
  /** Throws (an Error whose message says what broke) when the invariant does not hold. */
  readonly check: (c: Checked) => void;
}

function fail(invariant: string, detail: string): never {
  throw new Error(`invariant "${invariant}" broken: ${detail}`);
}

function roleAssignments(json: SynthJson): [string, Body][] {
  return Object.entries(json.resource?.azurerm_role_assignment ?? {});
}

/** The custom role a role assignment names by `role_definition_id`: its address and actions; undefined for a built-in role. */
function customRoleOf(json: SynthJson, ra: Body): { address: string; name: string; actions: string[] } | undefined {
  const m = /^\$\{azurerm_role_definition\.([^.}]+)\.role_definition_resource_id\}$/.exec(String(ra.role_definition_id ?? ""));
  const body = m ? json.resource?.azurerm_role_definition?.[m[1]] : undefined;
  if (!m || !body) return undefined;
  return { address: `azurerm_role_definition.${m[1]}`, name: String(body.name), actions: (body.permissions as { actions: string[] }[]).flatMap((p) => p.actions) };
}

/** The GUID a grant's name hashes: the built-in role's, or the custom role definition's `role_definition_id`. */
function roleGuidOf(json: SynthJson, ra: Body): string | undefined {
  const custom = customRoleOf(json, ra);
  return custom ? `\${${custom.address}.role_definition_id}` : findRole(String(ra.role_definition_name))?.guid;
}

/** The GRANT_PURPOSES key of a grant's construct id: the longest that is the id or a "-"-prefix of it. */
function purposeOf(grantId: string): string {
  return Object.keys(GRANT_PURPOSES).filter((k) => grantId === k || grantId.startsWith(`${k}-`)).sort((a, b) => b.length - a.length)[0] ?? "";
}

/** Logical id of each role assignment -> the purpose of the RoleGrant that made it. */
function purposes(stack: TerraformStack): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (c instanceof RoleAssignment) out.set(stack.getLogicalId(c), purposeOf(c.node.scope!.node.id));
  }
  return out;
}

/** The kind of resource a scope expression names, as a SCOPE_TYPES arm type; undefined when only apply time knows (a variable). */
function scopeArmType(scope: string): string | undefined | "unrecognized" {
  if (/^\$\{azurerm_kubernetes_cluster\.[^.}]+\.id\}\/namespaces\/[a-z0-9-]+$/.test(scope)) return SCOPE_TYPES.namespace.arm;
  const cut = /^\$\{join\("\/", slice\(split\("\/", (.+)\), 0, (\d+)\)\)\}$/.exec(scope);
  if (cut) return Object.values(SCOPE_TYPES).find((t) => t.cut === Number(cut[2]))?.arm ?? "unrecognized";
  const ref = /^\$\{(data\.)?([a-z0-9_]+)\.[^.}]+\.id\}$/.exec(scope);
  if (ref) return Object.values(SCOPE_TYPES).find((t) => t.tf.includes(ref[2]))?.arm ?? "unrecognized";
  if (/^\$\{var\.[^}]+\}$/.test(scope)) return undefined;
  const parsed = parseResourceId(scope);
  if (!parsed) return "unrecognized";
  return parsed.type === undefined ? (parsed.resourceGroup ? "resourcegroup" : "unrecognized") : parsed.type.toLowerCase();
}

// A reference, a resource group or resource, or a namespace of a cluster (Kubernetes access).
const SCOPE_OK = /^(\$\{[^}]+\}(\/namespaces\/[a-z0-9-]+)?|\/subscriptions\/[^/]+\/resourceGroups\/[^/]+(\/providers\/.+)?)$/i;
const clusterRef = (lid: string) => `azurerm_kubernetes_cluster.${lid}.`;

export const INVARIANTS: Invariant[] = [
  {
    name: "Terraform semantics: no dependency cycle, no role assignment Azure holds twice, no reference to an undeclared block or to a cluster block that cannot exist",
    check: ({ json }) => {
      const problems = checkTerraformSemantics(json as JsonObject);
      if (problems.length > 0) fail("terraform semantics", problems.map((p) => p.message).join("; "));
    },
  },
  {
    name: "Terraform names (resources, data sources, outputs, variables) start with a letter or underscore",
    check: ({ json }) => {
      const names = [
        ...Object.values(json.resource ?? {}).flatMap((byId) => Object.keys(byId)),
        ...Object.values(json.data ?? {}).flatMap((byId) => Object.keys(byId)),
        ...Object.keys(json.output ?? {}),
        ...Object.keys((json.variable as Record<string, unknown> | undefined) ?? {}),
      ];
      const bad = names.filter((n) => !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(n));
      if (bad.length > 0) fail("terraform names", `terraform validate rejects ${bad.join(", ")}`);
    },
  },
  {
    name: "grant role: least privilege, from the expected set for its purpose",
    check: ({ json, built }) => {
      const byId = purposes(built.stack);
      for (const [id, ra] of roleAssignments(json)) {
        const purpose = GRANT_PURPOSES[byId.get(id) ?? ""];
        if (!purpose) fail("grant role", `${id} has no purpose in GRANT_PURPOSES (add one for a new grant helper)`);
        if (ra.role_definition_id !== undefined) {
          // A least-privilege custom role: exactly the documented actions, and only where the purpose offers one.
          const custom = customRoleOf(json, ra);
          if (ra.role_definition_name !== undefined) fail("grant role", `${id} sets role_definition_name as well`);
          if (!custom || !purpose.leastPrivilege || JSON.stringify(custom.actions) !== JSON.stringify(purpose.leastPrivilege.actions)) {
            fail("grant role", `${id} grants custom role ${String(ra.role_definition_id)} with ${JSON.stringify(custom?.actions)}, not the documented actions of its purpose`);
          }
          continue;
        }
        const role = findRole(String(ra.role_definition_name));
        if (!role || PRIVILEGED_ROLES.includes(role) || !purpose.roles.includes(role)) fail("grant role", `${id} grants ${String(ra.role_definition_name)}`);
      }
    },
  },
  {
    name: "grant scope: a resource or resource group, never a subscription or management group, of the narrowest kind its purpose needs",
    check: ({ json, built }) => {
      const byId = purposes(built.stack);
      for (const [id, ra] of roleAssignments(json)) {
        const scope = String(ra.scope);
        if (!SCOPE_OK.test(scope)) fail("grant scope", `${id} has scope ${scope}`);
        const purpose = GRANT_PURPOSES[byId.get(id) ?? ""];
        const type = scopeArmType(scope);
        if (purpose && type !== undefined && !purpose.scopes.some((s) => SCOPE_TYPES[s].arm === type)) {
          fail("grant scope", `${id} (${byId.get(id)}) is scoped to ${scope} (${type}), not to a ${purpose.scopes.join(" or ")}`);
        }
      }
    },
  },
  {
    name: "grant name: uuidv5 of scope/principal/role GUID",
    check: ({ json }) => {
      for (const [id, ra] of roleAssignments(json)) {
        const guid = roleGuidOf(json, ra);
        const expected = `\${uuidv5("url", "${String(ra.scope)}/${String(ra.principal_id)}/${guid}")}`;
        if (ra.name !== expected) fail("grant name", `${id} has name ${String(ra.name)}, expected ${expected}`);
      }
    },
  },
  {
    name: "grant principal_type ServicePrincipal (AAD check skipped only for managed identities)",
    check: ({ json, built }) => {
      const spObjectIds = new Set(built.clusters.filter((c) => c.spec.identity.kind === "sp").map((c) => c.controlPlanePrincipal));
      const byId = purposes(built.stack);
      for (const [id, ra] of roleAssignments(json)) {
        // Entra users and groups given Kubernetes access: their own type, and Entra checks them.
        if (GRANT_PURPOSES[byId.get(id) ?? ""]?.principal === "kubernetes-user" && (ra.principal_type === "User" || ra.principal_type === "Group")) {
          if (ra.skip_service_principal_aad_check !== undefined) fail("principal_type", `${id} skips the AAD check for a ${String(ra.principal_type)}`);
          continue;
        }
        if (ra.principal_type !== "ServicePrincipal") fail("principal_type", `${id} has ${String(ra.principal_type)}`);
        const managed = !spObjectIds.has(String(ra.principal_id));
        if ((ra.skip_service_principal_aad_check === true) !== managed) fail("principal_type", `${id} skip_service_principal_aad_check=${String(ra.skip_service_principal_aad_check)} for a ${managed ? "managed identity" : "service principal"}`);
      }
    },
  },
  {
    name: "one role assignment per (scope, principal, role): Azure rejects duplicates",
    check: ({ json }) => {
      const seen = new Map<string, string>();
      for (const [id, ra] of roleAssignments(json)) {
        const key = `${String(ra.scope).toLowerCase()}|${String(ra.principal_id)}|${String(ra.role_definition_name ?? ra.role_definition_id)}`;
        if (seen.has(key)) fail("unique grants", `${id} duplicates ${seen.get(key)} (${key})`);
        seen.set(key, id);
      }
    },
  },
  {
    name: "every expected grant exists, to the right principal; created-before-cluster grants are in depends_on, grants to AKS-made identities are not",
    check: ({ json, built }) => {
      const all = roleAssignments(json);
      for (const c of built.clusters) {
        const lid = built.stack.getLogicalId(c.cluster.resource);
        const body = json.resource!.azurerm_kubernetes_cluster[lid];
        const dependsOn = (body.depends_on as string[] | undefined) ?? [];
        const cp = c.controlPlanePrincipal !== undefined ? resolveIn(built.stack, c.controlPlanePrincipal) : `\${${clusterRef(lid)}identity[0].principal_id}`;
        const kp = c.kubeletPrincipal !== undefined ? resolveIn(built.stack, c.kubeletPrincipal) : `\${${clusterRef(lid)}kubelet_identity[0].object_id}`;
        for (const g of c.grants) {
          const principal = g.principal === "control-plane" ? cp : g.principal === "kubelet" ? kp
            : "addon" in g.principal ? `\${${clusterRef(lid)}${ADDON_BLOCKS[g.principal.addon][0]}[0].${ADDON_BLOCKS[g.principal.addon][1]}[0].object_id}`
              : "external" in g.principal ? g.principal.external() : g.principal.workload();
          const scope = g.scope().toLowerCase();
          const roleMatches = (ra: Body) => (g.custom ? JSON.stringify(customRoleOf(json, ra)?.actions) === JSON.stringify(g.custom.actions) : ra.role_definition_name === g.role.name);
          const match = all.find(([, ra]) => roleMatches(ra) && ra.principal_id === principal && String(ra.scope).toLowerCase() === scope);
          if (!match) fail("expected grants", `${c.spec.id}: no ${g.what} (${g.custom ? `custom role ${g.custom.purpose}` : g.role.name} for ${principal} on ${scope})`);
          if (g.pool !== undefined) {
            const pool = Object.entries(json.resource?.azurerm_kubernetes_cluster_node_pool ?? {}).find(([, b]) => b.name === g.pool && String(b.kubernetes_cluster_id).includes(clusterRef(lid)))?.[1];
            if (!((pool?.depends_on as string[] | undefined) ?? []).includes(`azurerm_role_assignment.${match[0]}`)) fail("ordering", `${c.spec.id}: node pool ${g.pool} does not wait for ${match[0]} (${g.what})`);
          }
          const made = principal.includes(clusterRef(lid));
          const listed = dependsOn.includes(`azurerm_role_assignment.${match[0]}`);
          // A workload's grants matter to its pods, not to creating the cluster: Terraform may order them freely.
          const needed = (typeof g.principal === "string" && !made) || (typeof g.principal === "object" && "external" in g.principal && g.principal.beforeCluster);
          if (made && listed) fail("ordering", `${c.spec.id} depends on ${match[0]}, whose principal only exists once the cluster does (a cycle)`);
          if (needed && !listed) fail("ordering", `${c.spec.id} does not wait for ${match[0]} (${g.what}), which it needs at creation`);
          if (!needed && !made && listed) fail("ordering", `${c.spec.id} waits for ${match[0]} (${g.what}), which it does not need`);
        }
        for (const [id, ra] of all) {
          if (String(ra.principal_id).includes(clusterRef(lid)) && dependsOn.includes(`azurerm_role_assignment.${id}`)) fail("ordering", `${c.spec.id} depends on ${id}, granted to its own identity`);
        }
        if (c.udr && !dependsOn.some((d) => d.startsWith("azurerm_subnet_route_table_association."))) fail("ordering", `${c.spec.id} (userDefinedRouting) does not wait for the route table association`);
        if (c.nat && !dependsOn.some((d) => d.startsWith("azurerm_subnet_nat_gateway_association."))) fail("ordering", `${c.spec.id} (userAssignedNATGateway) does not wait for the NAT gateway association`);
        for (const d of dependsOn) {
          // Terraform takes bare addresses in depends_on ("${...}" is rejected).
          if (d.includes("${")) fail("ordering", `${c.spec.id} depends_on holds an interpolation, which Terraform rejects: ${d}`);
          const parts = d.split(".");
          const exists = parts[0] === "data" ? json.data?.[parts[1]]?.[parts[2]] : json.resource?.[parts[0]]?.[parts[1]];
          if (!exists) fail("ordering", `${c.spec.id} depends on missing ${d}`);
        }
      }
    },
  },
  {
    name: "add-on grants go to their add-on's identity, which references the cluster (so they come after it), and are never in a depends_on",
    check: ({ json, built }) => {
      const byId = purposes(built.stack);
      const clusters = built.clusters.map((c) => ({ c, lid: built.stack.getLogicalId(c.cluster.resource) }));
      const waitedFor = new Set(clusters.flatMap(({ lid }) => (json.resource!.azurerm_kubernetes_cluster[lid].depends_on as string[] | undefined) ?? []));
      for (const [id, ra] of roleAssignments(json)) {
        const purpose = GRANT_PURPOSES[byId.get(id) ?? ""];
        if (!purpose?.principal.startsWith("addon:")) continue;
        const [block, attribute] = ADDON_BLOCKS[purpose.principal.slice("addon:".length) as AddonKey];
        const principal = String(ra.principal_id);
        const owner = clusters.find(({ lid }) => principal === `\${${clusterRef(lid)}${block}[0].${attribute}[0].object_id}`);
        if (!owner) fail("add-on grants", `${id} (${byId.get(id)}) goes to ${principal}, not to a cluster's ${block} identity`);
        if (json.resource!.azurerm_kubernetes_cluster[owner.lid][block] === undefined) fail("add-on grants", `${id} goes to the ${block} identity of ${owner.c.spec.id}, which has no ${block} block`);
        if (waitedFor.has(`azurerm_role_assignment.${id}`)) fail("add-on grants", `${id} is in a cluster's depends_on, but its principal only exists once the cluster does`);
      }
    },
  },
  {
    name: "identity blocks obey azurerm 4.55: one of identity/service_principal; identity_ids only with UserAssigned, exactly one; kubelet_identity only with UserAssigned, all three fields",
    check: ({ json, built }) => {
      for (const c of built.clusters) {
        const lid = built.stack.getLogicalId(c.cluster.resource);
        const b = json.resource!.azurerm_kubernetes_cluster[lid];
        const identity = b.identity as { type?: string; identity_ids?: string[] } | undefined;
        const sp = b.service_principal as Record<string, unknown> | undefined;
        if ((identity === undefined) === (sp === undefined)) fail("identity block", `${c.spec.id} has ${identity ? "both" : "neither"} identity and service_principal`);
        if (identity) {
          if (identity.type !== "SystemAssigned" && identity.type !== "UserAssigned") fail("identity block", `${c.spec.id} identity.type ${String(identity.type)}`);
          if (identity.type === "UserAssigned" ? identity.identity_ids?.length !== 1 : identity.identity_ids !== undefined) fail("identity block", `${c.spec.id} identity_ids ${JSON.stringify(identity.identity_ids)} with ${identity.type}`);
        }
        const k = b.kubelet_identity as Record<string, unknown> | undefined;
        if (k !== undefined) {
          if (identity?.type !== "UserAssigned") fail("identity block", `${c.spec.id} has kubelet_identity without a UserAssigned identity`);
          for (const f of ["client_id", "object_id", "user_assigned_identity_id"]) if (typeof k[f] !== "string" || k[f] === "") fail("identity block", `${c.spec.id} kubelet_identity.${f} missing`);
        }
        if ((k !== undefined) !== (c.spec.kubelet !== undefined)) fail("identity block", `${c.spec.id} kubelet_identity ${k ? "present" : "absent"} but the spec ${c.spec.kubelet ? "brings" : "does not bring"} one`);
      }
    },
  },
  {
    name: "no secret literal: service principal secrets are sensitive variables",
    check: ({ json, text, built }) => {
      if (text.includes("fc-literal-secret")) fail("secrets", "a literal secret reached the JSON");
      for (const c of built.clusters) {
        const sp = json.resource!.azurerm_kubernetes_cluster[built.stack.getLogicalId(c.cluster.resource)].service_principal as Record<string, string> | undefined;
        if (!sp) continue;
        const m = /^\$\{var\.([^}]+)\}$/.exec(sp.client_secret);
        const variable = m && (json.variable as Record<string, { sensitive?: boolean }> | undefined)?.[m[1]];
        if (!variable || variable.sensitive !== true) fail("secrets", `${c.spec.id} client_secret is ${sp.client_secret}, not a sensitive variable`);
      }
      for (const [name, o] of Object.entries(json.output ?? {})) {
        if (JSON.stringify(o.value).includes("client_secret") || (/kube_config/.test(JSON.stringify(o.value)) && o.sensitive !== true)) fail("secrets", `output ${name} exposes a secret`);
      }
    },
  },
  {
    name: "outputs: what az aks show says, per cluster",
    check: ({ json, built }) => {
      for (const c of built.clusters) {
        const prefix = c.spec.id.replace(/[^A-Za-z0-9_]/g, "_");
        for (const o of ["control_plane_identity", "service_principal_client_id", "kubelet_identity", "node_resource_group", "node_resource_group_id", "kube_config"]) {
          if (!json.output?.[`${prefix}_${o}`]) fail("outputs", `${c.spec.id} has no output ${prefix}_${o}`);
        }
        if (c.spec.migration && !json.output?.[`${prefix}_node_image_upgrade_commands`]) fail("outputs", `${c.spec.id} has no node image upgrade commands`);
        const body = json.resource!.azurerm_kubernetes_cluster[built.stack.getLogicalId(c.cluster.resource)];
        for (const [block, attribute] of Object.values(ADDON_BLOCKS)) {
          const output = json.output?.[`${prefix}_${block}_identity`];
          if ((body[block] !== undefined) !== (output !== undefined)) fail("outputs", `${c.spec.id}: ${block} ${body[block] ? "is on" : "is off"} but its identity output is ${output ? "there" : "missing"}`);
          if (output && !JSON.stringify(output.value).includes(`${block}[0].${attribute}[0].object_id`)) fail("outputs", `${c.spec.id}: ${prefix}_${block}_identity does not name the add-on's identity`);
        }
        const oidc = body.oidc_issuer_enabled === true;
        if (oidc !== (body.workload_identity_enabled === true) || oidc !== (json.output?.[`${prefix}_oidc_issuer_url`] !== undefined)) fail("outputs", `${c.spec.id}: OIDC issuer, workload identity and the issuer URL output must come together`);
        if (c.workloads.length > 0 && !oidc) fail("outputs", `${c.spec.id} has workload identities but no OIDC issuer`);
      }
    },
  },
  {
    name: "custom roles: only the documented actions, one definition per name in a stack, assignable at the scope it is defined at",
    check: ({ json }) => {
      const documented = Object.values(LEAST_PRIVILEGE_ROLES).map((r) => JSON.stringify(r.actions));
      const names = new Set<string>();
      for (const [id, d] of Object.entries(json.resource?.azurerm_role_definition ?? {})) {
        const actions = JSON.stringify((d.permissions as { actions: string[] }[]).flatMap((p) => p.actions));
        if (!documented.includes(actions)) fail("custom roles", `${id} allows ${actions}`);
        if (names.has(String(d.name))) fail("custom roles", `${id}: a second role named ${String(d.name)} (Azure allows one per tenant)`);
        names.add(String(d.name));
        if (JSON.stringify(d.assignable_scopes) !== JSON.stringify([d.scope])) fail("custom roles", `${id} is assignable at ${JSON.stringify(d.assignable_scopes)}, defined at ${String(d.scope)}`);
      }
    },
  },
  {
    name: "key vault access policies: exactly the expected ones, azurerm's permission names, one per vault and principal; the control plane's before the cluster, an add-on's after",
    check: ({ json, built }) => {
      const policies = Object.entries(json.resource?.azurerm_key_vault_access_policy ?? {});
      const seen = new Set<string>();
      for (const [id, p] of policies) {
        const key = `${String(p.key_vault_id).toLowerCase()}|${String(p.object_id)}`;
        if (seen.has(key)) fail("access policies", `${id} is a second policy for ${key}`);
        seen.add(key);
      }
      const expected = built.clusters.flatMap((c) => c.accessPolicies.map((e) => ({ c, e })));
      if (expected.length !== policies.length) fail("access policies", `${policies.length} access policies, ${expected.length} expected`);
      for (const { c, e } of expected) {
        const lid = built.stack.getLogicalId(c.cluster.resource);
        const principal = e.principal === "control-plane" ? resolveIn(built.stack, c.controlPlanePrincipal!)
          : `\${${clusterRef(lid)}${ADDON_BLOCKS[e.principal.addon][0]}[0].${ADDON_BLOCKS[e.principal.addon][1]}[0].object_id}`;
        const match = policies.find(([, p]) => p.object_id === principal && String(p.key_vault_id).toLowerCase() === e.vault().toLowerCase());
        if (!match) fail("access policies", `${c.spec.id}: no ${e.what} for ${principal} on ${e.vault()}`);
        const [id, p] = match;
        for (const [field, want] of [["key_permissions", e.keyPermissions], ["secret_permissions", e.secretPermissions], ["certificate_permissions", e.certificatePermissions]] as const) {
          const got = (p[field] as string[] | undefined) ?? [];
          if (JSON.stringify([...got].sort()) !== JSON.stringify([...want].sort())) fail("access policies", `${id} ${field} ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
        }
        const waits = ((json.resource!.azurerm_kubernetes_cluster[lid].depends_on as string[] | undefined) ?? []).includes(`azurerm_key_vault_access_policy.${id}`);
        if (waits !== (e.principal === "control-plane")) fail("access policies", `${c.spec.id} ${waits ? "waits" : "does not wait"} for ${id} (${e.what})`);
      }
    },
  },
  {
    name: "node pools: each Linux pool has a temporary rotation name, never a pool's name, unique in its cluster",
    check: ({ json }) => {
      const clusters = Object.entries(json.resource?.azurerm_kubernetes_cluster ?? {});
      for (const [lid, body] of clusters) {
        const pools = [body.default_node_pool as Body, ...Object.values(json.resource?.azurerm_kubernetes_cluster_node_pool ?? {}).filter((p) => String(p.kubernetes_cluster_id).includes(clusterRef(lid)))];
        const names = pools.map((p) => String(p.name));
        const temporary = pools.map((p) => p.temporary_name_for_rotation);
        if (temporary.some((t) => typeof t !== "string" || !/^[a-z][a-z0-9]{0,11}$/.test(t))) fail("node pools", `${lid}: rotation names ${JSON.stringify(temporary)}`);
        if (new Set([...names, ...temporary]).size !== names.length * 2) fail("node pools", `${lid}: rotation names ${JSON.stringify(temporary)} clash with pools ${JSON.stringify(names)} or each other`);
      }
    },
  },
  {
    name: "Container Insights: MSI auth, and az's data collection rule with its association to the cluster (unless switched off)",
    check: ({ json, built }) => {
      const associations = Object.values(json.resource?.azurerm_monitor_data_collection_rule_association ?? {});
      const rules = json.resource?.azurerm_monitor_data_collection_rule ?? {};
      for (const c of built.clusters) {
        const lid = built.stack.getLogicalId(c.cluster.resource);
        const oms = json.resource!.azurerm_kubernetes_cluster[lid].oms_agent as { msi_auth_for_monitoring_enabled?: boolean } | undefined;
        if (oms && oms.msi_auth_for_monitoring_enabled !== true) fail("container insights", `${c.spec.id} writes oms_agent without MSI auth`);
        const mine = associations.filter((a) => a.target_resource_id === `\${${clusterRef(lid)}id}`);
        if (mine.length !== (c.dataCollectionRule ? 1 : 0)) fail("container insights", `${c.spec.id} has ${mine.length} data collection rule associations`);
        for (const a of mine) {
          const rule = /^\$\{azurerm_monitor_data_collection_rule\.([^.]+)\.id\}$/.exec(String(a.data_collection_rule_id));
          if (a.name !== "ContainerInsightsExtension" || !rule || !rules[rule[1]]) fail("container insights", `${c.spec.id}: association ${String(a.name)} to ${String(a.data_collection_rule_id)}`);
          const flow = JSON.stringify(rules[rule[1]].data_flow);
          if (!flow.includes("Microsoft-ContainerInsights-Group-Default")) fail("container insights", `${c.spec.id}: rule ${rule[1]} has no Container Insights stream`);
        }
      }
    },
  },
];
