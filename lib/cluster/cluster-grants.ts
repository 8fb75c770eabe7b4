import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import { CatalogAccessPolicy } from "../catalog/key-vault-access-policies";
import { CatalogGrant } from "../catalog/row";
import { AksIdentityError } from "../errors";
import { grantOnce } from "../grants/grant-once";
import { KeyVaultAccessGrant, keyVaultAccessOnce } from "../grants/key-vault-access-grant";
import { GrantTiming, registerOrderer, setTiming } from "../grants/ordering";
import { IPrincipal } from "../grants/principal";
import { RoleGrant } from "../grants/role-grant";
import { GrantScope, scopeId } from "../grant-scope";
import { staticKey } from "../private/id-parts";
import { addressOf, refersTo } from "../private/reference-graph";
import { exampleIdOf, validateScope } from "../private/resource-id";

/** What the grants facet needs of its cluster. */
export interface ClusterGrantsHost extends Construct {
  readonly resource: KubernetesCluster;
  dependOn(target: ITerraformDependable): void;
}

/**
 * The cluster's grants: the one place that decides when Terraform makes a grant to one of
 * the cluster's identities. A grant to an identity that exists before the cluster (yours,
 * or a service principal) is made first and the cluster depends on it; a grant to an
 * identity AKS makes, or on something the cluster itself creates, references the cluster
 * and comes after it (depends_on there would be a cycle).
 */
export class ClusterGrants {
  private readonly list: RoleGrant[] = [];
  /** The migration that leaves the AKS-made kubelet identity empty until its node-image upgrade. */
  private migration?: string;
  private readonly policies: KeyVaultAccessGrant[] = [];

  constructor(private readonly cluster: ClusterGrantsHost) {}

  /** Every grant to this cluster's identities, in the order they were asked for. */
  public get all(): readonly RoleGrant[] {
    return this.list;
  }

  /** Makes this cluster order every grant to a principal it owns, whichever API creates it. */
  public adopt(principal: IPrincipal): void {
    registerOrderer(principal, (grant) => (grant instanceof KeyVaultAccessGrant ? this.orderAccessPolicy(grant) : this.order(grant as RoleGrant)));
  }

  /**
   * A catalog grant on one of several scopes of a kind (`grantOnVirtualNetwork`,
   * `attachContainerRegistry`): the scope's type is checked, its construct id or name keys
   * the grant's Terraform address.
   */
  public onScope(entry: CatalogGrant, principal: IPrincipal, scope: GrantScope, prop: string, key?: string): RoleGrant {
    validateScope(this.cluster.node.path, prop, scope, entry.scopeTypes, exampleIdOf(entry.scopeTypes[0]));
    const id = `${entry.id}-${staticKey(this.cluster.node.path, prop, scope, key, `pass a key, e.g. cluster.attachContainerRegistry(registryId, "shared-acr").`)}`;
    return this.fromCatalog(entry, principal, scope, id, prop);
  }

  /**
   * A catalog grant to one of this cluster's identities. Asking again for the same
   * (scope, principal, role) returns the first grant: Azure refuses a second one.
   */
  public fromCatalog(entry: CatalogGrant, principal: IPrincipal, scope: GrantScope, id: string, prop = "id"): RoleGrant {
    if (principal.principalId === "") {
      throw new AksIdentityError({
        path: this.cluster.node.path,
        prop: "identity.servicePrincipal.objectId",
        received: undefined,
        problem: `Granting ${entry.role.name} to the service principal (${id}) needs its object ID; the client ID is not a principal ID.`,
        fix: "pass objectId (az ad sp show --id <clientId> --query id), or migrate the cluster to a managed identity.",
      });
    }
    const timing = this.timingFor(principal, scopeId(scope));
    const description = `${entry.reason}. Principal: ${principal.description}. ${timing === "before-cluster" ? "Granted before the cluster is created." : "Granted after the cluster is created."}`;
    const grant = grantOnce(this.cluster, id, { principal, role: entry.role, scope, reason: description }, entry.reason, () => {
      if (this.cluster.node.tryFindChild(id) !== undefined) {
        throw new AksIdentityError({
          path: this.cluster.node.path,
          prop,
          received: id,
          problem: `The grant id ${JSON.stringify(id)} is already used in this cluster, by a grant on another scope or role (or another child construct).`,
          fix: "pass a distinct key (the last argument of the grant helper), e.g. the resource group and name of the scope.",
        });
      }
    });
    this.order(grant);
    return grant;
  }

  /**
   * A service principal -> managed identity migration is under way (ManagedIdentityMigration):
   * the kubelet identity AKS makes exists only after the node-image upgrade. Until then azurerm's
   * kubelet_identity stays the service-principal cluster's empty list in the plan (no
   * SetNewComputed in kubernetes_cluster_resource.go), so `kubelet_identity[0]` is "Invalid index"
   * and the whole plan fails: a grant to it is refused until the migration is done.
   */
  public holdKubeletGrants(migrationPath: string): void {
    this.migration = migrationPath;
    for (const g of this.list) this.refuseDuringMigration(g);
  }

  private refuseDuringMigration(grant: RoleGrant): void {
    const p = grant.principal;
    if (this.migration === undefined || p.identityKind !== "kubelet" || !p.createdByAks) return;
    throw new AksIdentityError({
      path: grant.node.path,
      prop: "principal",
      received: `the kubelet identity of a cluster that ${this.migration} migrates from a service principal`,
      problem: "AKS makes that identity only when the node images are upgraded after the identity update; until then azurerm's kubelet_identity is empty, so Terraform cannot plan a grant to it (\"Invalid index\") and the whole migration apply would fail.",
      fix: "apply the migration without this grant and run the node-image upgrade; then remove the ManagedIdentityMigration (its work is done) and add the grant in the next change. README: \"Migrating a service-principal cluster\".",
    });
  }

  /** Orders a grant for this cluster (once): before it, with depends_on, or after it. */
  private order(grant: RoleGrant): GrantTiming {
    if (this.list.includes(grant)) return grant.timing;
    this.refuseDuringMigration(grant);
    const timing = this.timingFor(grant.principal, grant.scopeId);
    setTiming(grant, timing);
    if (timing === "before-cluster") this.cluster.dependOn(grant.assignment);
    this.list.push(grant);
    return timing;
  }

  /** Every key vault access policy given to this cluster's identities (vaults without Azure RBAC). */
  public get accessPolicies(): readonly KeyVaultAccessGrant[] {
    return this.policies;
  }

  /**
   * A key vault access policy for one of this cluster's identities, on a vault that does not
   * use Azure RBAC: ordered like a role grant on the vault. A second request for the same
   * vault and principal adds its permissions to the first policy.
   */
  public accessPolicy(policy: CatalogAccessPolicy, principal: IPrincipal, keyVault: GrantScope, tenantId: string): KeyVaultAccessGrant {
    const grant = keyVaultAccessOnce(this.cluster, policy.id, { principal, keyVault, tenantId, policy });
    this.orderAccessPolicy(grant);
    return grant;
  }

  /** Orders an access policy (once) by the same rule as a role grant on the same vault. */
  private orderAccessPolicy(policy: KeyVaultAccessGrant): GrantTiming {
    if (this.policies.includes(policy)) return policy.timing;
    const timing = this.timingFor(policy.principal, policy.keyVaultId);
    setTiming(policy, timing);
    if (timing === "before-cluster") this.cluster.dependOn(policy.resource);
    this.policies.push(policy);
    return timing;
  }

  /**
   * After the cluster when AKS makes the identity, or when the scope is something the cluster
   * creates (its node resource group, or a resource placed there, however deep): depends_on
   * would then be a cycle Terraform rejects. Before it otherwise.
   */
  private timingFor(principal: IPrincipal, scope: string): GrantTiming {
    if (principal.createdByAks) return "after-cluster";
    if (!Token.isUnresolved(scope)) return "before-cluster";
    return refersTo(this.cluster, scope, addressOf(this.cluster.resource)) ? "after-cluster" : "before-cluster";
  }
}
