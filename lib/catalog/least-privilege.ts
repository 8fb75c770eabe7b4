import { BuiltInRole, Roles } from "../roles";

/** A custom role with only the actions the AKS docs list, offered (opt-in) instead of a built-in role. */
export interface LeastPrivilegeRole {
  /** Construct-id stem of its role definition: part of a Terraform address, so never renamed. */
  readonly key: string;
  /** What the role is for, in its name: `<prefix> <purpose>`. */
  readonly purpose: string;
  readonly actions: readonly string[];
  /** The built-in role it replaces. */
  readonly replaces: BuiltInRole;
  /** Where the action list is documented. */
  readonly source: string;
  /** Why the list is what it is, where the docs disagree. */
  readonly note?: string;
}

/**
 * The action lists the AKS docs give for the control plane's own grants. Only grants whose
 * minimal actions are documented have one: the route table, the VNet of a private cluster, the
 * API server subnet and outbound IPs keep their built-in role.
 */
export const LEAST_PRIVILEGE_ROLES = Object.freeze({
  SubnetJoin: {
    key: "SubnetJoin",
    purpose: "subnet join",
    actions: ["Microsoft.Network/virtualNetworks/subnets/join/action", "Microsoft.Network/virtualNetworks/subnets/read"],
    replaces: Roles.NETWORK_CONTRIBUTOR,
    source: "aks-docs articles/aks/configure-kubenet.md, use-byo-cni.md, operator-best-practices-network.md, aks-service-permissions.md (Additional AKS cluster identity permissions)",
    // concepts-network-cni-overview.md and concepts-network-legacy-cni.md add roleAssignments/write "when
    // using a custom role"; Network Contributor, which the same pages say is enough, has no such action.
    note: "Without `Microsoft.Authorization/roleAssignments/write`, which concepts-network-cni-overview.md and concepts-network-legacy-cni.md also list: it would let the cluster grant any role on the subnet, and Network Contributor, which those pages call sufficient, does not include it (azure-docs built-in-roles/networking.md).",
  },
  PrivateDnsZone: {
    key: "PrivateDnsZone",
    purpose: "private DNS zone",
    actions: ["Microsoft.Network/privateDnsZones/*"],
    replaces: Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR,
    source: "aks-docs articles/aks/aks-service-permissions.md (Additional AKS cluster identity permissions: a custom privateDNSZone)",
  },
} satisfies Record<string, LeastPrivilegeRole>);

/** The catalog grants (by id) that take a least-privilege custom role when the cluster opts in. */
export const LEAST_PRIVILEGE_FOR: Readonly<Record<string, LeastPrivilegeRole>> = Object.freeze({
  SubnetNetworkContributor: LEAST_PRIVILEGE_ROLES.SubnetJoin,
  NodePoolSubnetNetworkContributor: LEAST_PRIVILEGE_ROLES.SubnetJoin,
  PodSubnetNetworkContributor: LEAST_PRIVILEGE_ROLES.SubnetJoin,
  PrivateDnsZoneContributor: LEAST_PRIVILEGE_ROLES.PrivateDnsZone,
});
