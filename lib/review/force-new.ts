/**
 * Which configuration changes make Terraform replace a resource, as the azurerm provider
 * v4.55.0 declares them (`ForceNew: true` in a resource's schema, and the `CustomizeDiff` rules
 * that force replacement only under a condition). `aks-identity diff` reads this table to say,
 * without a plan, which change replaces a cluster or a grant. Each row names its source file
 * and line at tag v4.55.0; __tests__/review/force-new.test.ts has a test per row and compares
 * the table with the source when the provider's repository is at hand.
 *
 * How Terraform's plugin SDK applies a row (helper/schema diffList): `ForceNew` on an attribute
 * forces replacement when its value changes; on a nested block, when the block is added or
 * removed. An attribute or block that is also `Computed` keeps its state value when the
 * configuration drops it, so removing it from the configuration changes nothing.
 */
export interface ForceNewRow {
  readonly type: string;
  /** The attribute's path in the configuration, nested blocks by name: `kubelet_identity.client_id`. */
  readonly path: string;
  /**
   * `change`: any change of the value; `block`: the block added or removed; otherwise a
   * CustomizeDiff condition (see {@link forcesReplacement}).
   */
  readonly when: "change" | "block" | "unset" | "from-managed-identity" | "was-set" | "not-overlay" | "renamed-unless-rotation";
  /** Optional + Computed: dropping it from the configuration keeps the state value. */
  readonly computed?: boolean;
  /** Provider source at v4.55.0, `path:line`. */
  readonly source: string;
}

const CLUSTER = "internal/services/containers/kubernetes_cluster_resource.go";
const NODEPOOL_SCHEMA = "internal/services/containers/kubernetes_nodepool.go";
const NODE_POOL = "internal/services/containers/kubernetes_cluster_node_pool_resource.go";
const ROLE_ASSIGNMENT = "internal/services/authorization/role_assignment_resource.go";
const UAI = "internal/services/managedidentity/user_assigned_identity_resource.go";
const FIC = "internal/services/managedidentity/federated_identity_credential_resource.go";
const ROLE_DEFINITION = "internal/services/authorization/role_definition_resource.go";
const ACCESS_POLICY = "internal/services/keyvault/key_vault_access_policy_resource.go";
/** go-azure-helpers' commonschema.Location(), ResourceGroupName() and ResourceIDReferenceRequiredForceNew() are ForceNew; the line is where the resource uses them. */
const COMMON = "commonschema";

function rows(type: string, file: string, list: readonly [string, ForceNewRow["when"], number, boolean?, string?][]): ForceNewRow[] {
  return list.map(([path, when, line, computed, via]) => ({ type, path, when, ...(computed ? { computed } : {}), source: `${file}:${line}${via ? ` (${via})` : ""}` }));
}

export const FORCE_NEW: readonly ForceNewRow[] = Object.freeze([
  ...rows("azurerm_kubernetes_cluster", CLUSTER, [
    ["name", "change", 160],
    ["location", "change", 164, false, `${COMMON}.Location()`],
    ["resource_group_name", "change", 166, false, `${COMMON}.ResourceGroupName()`],
    ["disk_encryption_set_id", "change", 411],
    ["dns_prefix", "change", 418],
    ["dns_prefix_private_cluster", "change", 426],
    ["kubelet_identity.client_id", "change", 639, true],
    ["kubelet_identity.object_id", "change", 651, true],
    ["kubelet_identity.user_assigned_identity_id", "change", 663, true],
    ["linux_profile.admin_username", "change", 691],
    ["linux_profile.ssh_key.key_data", "change", 704],
    ["network_profile", "block", 1054, true],
    ["network_profile.network_plugin", "change", 1061],
    ["network_profile.network_mode", "change", 1073, true],
    ["network_profile.dns_service_ip", "change", 1098, true],
    ["network_profile.pod_cidr", "change", 1123, true],
    ["network_profile.pod_cidrs", "change", 1131, true],
    ["network_profile.service_cidr", "change", 1142, true],
    ["network_profile.service_cidrs", "change", 1150, true],
    ["network_profile.load_balancer_sku", "change", 1161],
    ["network_profile.load_balancer_profile", "block", 1184, true],
    ["network_profile.nat_gateway_profile", "block", 1263, true],
    ["network_profile.ip_versions", "change", 1294, true],
    ["node_resource_group", "change", 1346, true],
    ["private_cluster_enabled", "change", 1382],
    ["private_dns_zone_id", "change", 1396, true],
    ["role_based_access_control_enabled", "change", 1410],
    ["windows_profile.admin_username", "change", 1591],
    // CustomizeDiff (lines 62-139): replacement only under a condition.
    ["default_node_pool.upgrade_settings.drain_timeout_in_minutes", "unset", 64],
    ["default_node_pool.upgrade_settings.undrainable_node_behavior", "unset", 67],
    ["service_principal.client_id", "from-managed-identity", 71],
    ["windows_profile.gmsa", "unset", 74],
    ["windows_profile.gmsa.dns_server", "unset", 77],
    ["windows_profile.gmsa.root_domain", "unset", 80],
    ["api_server_access_profile.subnet_id", "unset", 83],
    ["default_node_pool.name", "renamed-unless-rotation", 86],
    ["network_profile.network_data_plane", "was-set", 98],
    ["network_profile.network_plugin_mode", "not-overlay", 107],
    ["network_profile.network_policy", "was-set", 110],
  ]),
  // The default node pool's schema (SchemaDefaultNodePool): a ForceNew there replaces the cluster.
  ...rows("azurerm_kubernetes_cluster", NODEPOOL_SCHEMA, [
    ["default_node_pool.type", "change", 59],
    ["default_node_pool.capacity_reservation_group_id", "change", 77],
    ["default_node_pool.gpu_instance", "change", 93],
    ["default_node_pool.gpu_driver", "change", 106],
    ["default_node_pool.node_public_ip_prefix_id", "change", 161],
    ["default_node_pool.proximity_placement_group_id", "change", 224],
    ["default_node_pool.host_group_id", "change", 251],
    ["default_node_pool.node_network_profile.node_public_ip_tags", "change", 665],
  ]),
  ...rows("azurerm_kubernetes_cluster_node_pool", NODE_POOL, [
    ["name", "change", 128],
    ["kubernetes_cluster_id", "change", 135],
    ["host_group_id", "change", 159],
    ["capacity_reservation_group_id", "change", 167],
    ["eviction_policy", "change", 174],
    ["gpu_instance", "change", 193],
    ["gpu_driver", "change", 206],
    ["node_public_ip_prefix_id", "change", 263],
    ["os_type", "change", 318],
    ["priority", "change", 335],
    ["proximity_placement_group_id", "change", 346],
    ["spot_max_price", "change", 359],
    ["windows_profile", "block", 397],
    ["windows_profile.outbound_nat_enabled", "change", 404],
  ]),
  ...rows("azurerm_role_assignment", ROLE_ASSIGNMENT, [
    ["name", "change", 57, true],
    ["scope", "change", 64],
    ["role_definition_id", "change", 85, true],
    ["role_definition_name", "change", 94, true],
    ["principal_id", "change", 103],
    ["principal_type", "change", 110, true],
    ["delegated_managed_identity_resource_id", "change", 127],
    // In place only from azurerm 5.2.0 (PR #32714).
    ["description", "change", 134],
    ["condition", "change", 141],
    ["condition_version", "change", 148, true],
  ]),
  ...rows("azurerm_user_assigned_identity", UAI, [
    ["location", "change", 63, false, `${COMMON}.Location()`],
    ["name", "change", 65],
    ["resource_group_name", "change", 69, false, `${COMMON}.ResourceGroupName()`],
  ]),
  // The least-privilege custom roles (leastPrivilegeRoles) and the grants on vaults without Azure RBAC.
  ...rows("azurerm_role_definition", ROLE_DEFINITION, [
    ["role_definition_id", "change", 54, true],
    ["scope", "change", 67],
  ]),
  ...rows("azurerm_key_vault_access_policy", ACCESS_POLICY, [
    ["key_vault_id", "change", 47, false, `${COMMON}.ResourceIDReferenceRequiredForceNew()`],
    ["tenant_id", "change", 52],
    ["object_id", "change", 59],
    ["application_id", "change", 66],
  ]),
  ...rows("azurerm_federated_identity_credential", FIC, [
    ["name", "change", 62],
    ["resource_group_name", "change", 66, false, `${COMMON}.ResourceGroupName()`],
    ["parent_id", "change", 70],
  ]),
]);

/**
 * Default node pool properties that, changed, rotate the pool through
 * `temporary_name_for_rotation` instead of replacing the cluster; without that name the apply
 * fails (v4.55.0 kubernetes_cluster_resource.go:2589-2631, `cycleNodePoolProperties`).
 */
export const ROTATING_DEFAULT_NODE_POOL: readonly string[] = Object.freeze([
  "host_encryption_enabled", "node_public_ip_enabled", "fips_enabled", "kubelet_config", "kubelet_disk_type", "linux_os_config",
  "max_pods", "only_critical_addons_enabled", "os_disk_size_gb", "os_disk_type", "pod_subnet_id", "snapshot_id",
  "ultra_ssd_enabled", "vnet_subnet_id", "vm_size", "zones",
].map((p) => `default_node_pool.${p}`));

/** The rows of one resource type. */
export function forceNewRowsOf(type: string): ForceNewRow[] {
  return FORCE_NEW.filter((r) => r.type === type);
}

/** A value missing from the configuration, or empty, as the SDK reads an unset string, list or number. */
function unset(v: unknown): boolean {
  return v === undefined || v === null || v === "" || v === 0 || (Array.isArray(v) && v.length === 0);
}

/**
 * Whether a change of `before` to `after` at a row's path forces replacement. `context` gives
 * what CustomizeDiff reads besides the value (the default pool's temporary_name_for_rotation).
 */
export function forcesReplacement(row: ForceNewRow, before: unknown, after: unknown, context: { temporaryNameForRotation?: unknown } = {}): boolean {
  if (row.computed && unset(after)) return false;
  switch (row.when) {
    case "change": return !sameValue(before, after);
    case "block": return unset(before) !== unset(after);
    case "unset": return !unset(before) && unset(after);
    // Managed identity to service principal: old client id is "msi" or empty (line 71-73).
    case "from-managed-identity": return !sameValue(before, after) && (unset(before) || String(before).toLowerCase() === "msi");
    case "was-set": return !sameValue(before, after) && !unset(before);
    case "not-overlay": return !sameValue(before, after) && String(after ?? "").toLowerCase() !== "overlay";
    // A failed rotation leaves the pool named temporary_name_for_rotation; renaming it back is in place (lines 86-96).
    case "renamed-unless-rotation": return !sameValue(before, after) && !(before !== undefined && before === context.temporaryNameForRotation);
  }
}

/** Equality as Terraform compares configuration values (JSON structure; no case folding). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
