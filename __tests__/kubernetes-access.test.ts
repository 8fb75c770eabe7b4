import { TerraformVariable } from "cdktf";
import { AksCluster, ClusterIdentity, externalPrincipal, Roles, UserAssignedManagedIdentity, WorkloadIdentity } from "../lib";
import { newStack } from "./helpers";
import { clusterOf, grantsIn, synthJson } from "./security-fixtures";

const TENANT = "00000000-0000-0000-0000-00000000aaaa";
const GROUP = "00000000-0000-0000-0000-0000000000d1";
const USER = "00000000-0000-0000-0000-0000000000e1";
const team = externalPrincipal({ principalId: GROUP, principalType: "Group", isManagedIdentity: false, description: "payments team" });
const alice = externalPrincipal({ principalId: USER, principalType: "User", isManagedIdentity: false, description: "alice" });

function entraCluster(props: { azureRbac?: boolean } = {}) {
  const stack = newStack();
  const cluster = new AksCluster(stack, "aks", { entraId: { tenantId: TENANT, ...props } });
  return { stack, cluster };
}

describe("cluster.grantKubernetesAccess", () => {
  test("namespace scope: the RBAC role on <cluster id>/namespaces/<ns>, plus the Cluster User Role on the cluster, both after the cluster", () => {
    // GIVEN an Entra cluster with Azure RBAC
    const { stack, cluster } = entraCluster();
    // WHEN a group gets Writer in one namespace
    const made = cluster.grantKubernetesAccess(team, "writer", { namespace: "payments" });
    // THEN two grants to the group (principal type Group, no AAD-check skip), scoped to the cluster's namespace and the cluster
    const json = synthJson(stack);
    const c = clusterOf(json);
    expect(grantsIn(json).map((g) => [g.role, g.scope, g.principal, g.principalType]).sort()).toEqual([
      ["Azure Kubernetes Service Cluster User Role", `\${${c.address}.id}`, GROUP, "Group"],
      ["Azure Kubernetes Service RBAC Writer", `\${${c.address}.id}/namespaces/payments`, GROUP, "Group"],
    ]);
    expect(made.access.role).toBe(Roles.AKS_RBAC_WRITER);
    expect(made.clusterUser.role).toBe(Roles.AKS_CLUSTER_USER);
    expect([made.access.timing, made.clusterUser.timing]).toEqual(["after-cluster", "after-cluster"]);
    expect(made.access.assignment.skipServicePrincipalAadCheckInput).toBeUndefined();
    expect(c.dependsOn).toEqual([]);
    expect(made.access.node.id).toBe(`KubernetesRbacWriter-${GROUP}-payments`);
  });

  test("the four roles at cluster scope; one Cluster User Role per principal, however many roles it gets", () => {
    // GIVEN / WHEN / THEN
    const { stack, cluster } = entraCluster();
    cluster.grantKubernetesAccess(alice, "reader");
    cluster.grantKubernetesAccess(alice, "admin", { namespace: "tools" });
    cluster.grantKubernetesAccess(team, "writer");
    cluster.grantKubernetesAccess(team, "clusterAdmin");
    const json = synthJson(stack);
    const c = clusterOf(json);
    const roles = grantsIn(json).map((g) => [g.role, g.scope.replace(`\${${c.address}.id}`, "<cluster>"), g.principal]).sort();
    expect(roles).toEqual([
      ["Azure Kubernetes Service Cluster User Role", "<cluster>", GROUP],
      ["Azure Kubernetes Service Cluster User Role", "<cluster>", USER],
      ["Azure Kubernetes Service RBAC Admin", "<cluster>/namespaces/tools", USER],
      ["Azure Kubernetes Service RBAC Cluster Admin", "<cluster>", GROUP],
      ["Azure Kubernetes Service RBAC Reader", "<cluster>", USER],
      ["Azure Kubernetes Service RBAC Writer", "<cluster>", GROUP],
    ]);
  });

  test("a managed identity or workload identity can be granted too (a construct's id keys the grant)", () => {
    // GIVEN / WHEN / THEN
    const { stack, cluster } = entraCluster();
    const deployer = new UserAssignedManagedIdentity(stack, "deployer", { resourceGroupName: "rg", location: "westus2" });
    const made = cluster.grantKubernetesAccess(deployer, "writer", { namespace: "apps" });
    const workload = new WorkloadIdentity(stack, "reporter", { cluster, namespace: "apps", serviceAccount: "reporter", resourceGroupName: "rg", location: "westus2" });
    const viaWorkload = cluster.grantKubernetesAccess(workload, "reader", { namespace: "apps" });
    expect(made.access.node.id).toBe("KubernetesRbacWriter-deployer-apps");
    expect(made.access.assignment.skipServicePrincipalAadCheckInput).toBe(true);
    expect(viaWorkload.access.node.id).toBe("KubernetesRbacReader-reporter-apps");
  });

  test("a principal known only at apply time needs a key", () => {
    // GIVEN / WHEN / THEN
    const { stack, cluster } = entraCluster();
    const id = new TerraformVariable(stack, "group_id", { type: "string" }).stringValue;
    const group = externalPrincipal({ principalId: id, principalType: "Group", isManagedIdentity: false, description: "ops" });
    expect(() => cluster.grantKubernetesAccess(group, "reader")).toThrow(
      "[test/aks] key: received a Terraform reference. The principal's object ID is known only at apply time, and a grant's Terraform address must not depend on it. Fix: pass { key: \"a-stable-name\" }");
    expect(cluster.grantKubernetesAccess(group, "reader", { key: "ops" }).access.node.id).toBe("KubernetesRbacReader-ops");
  });

  test.each([
    ["clusterAdmin in a namespace", () => entraCluster().cluster.grantKubernetesAccess(team, "clusterAdmin", { namespace: "a" }),
      "[test/aks] namespace: received \"a\". Azure Kubernetes Service RBAC Cluster Admin gives full control of every namespace; it has no namespace scope. Fix: grant \"admin\" in the namespace"],
    ["an invalid namespace", () => entraCluster().cluster.grantKubernetesAccess(team, "reader", { namespace: "Payments" }),
      "[test/aks] namespace: received \"Payments\". Expected a Kubernetes namespace name known at synth: a DNS label"],
    ["an unknown role", () => entraCluster().cluster.grantKubernetesAccess(team, "owner" as never),
      "[test/aks] role: received \"owner\". Allowed: \"reader\", \"writer\", \"admin\", \"clusterAdmin\"."],
    ["no principal", () => entraCluster().cluster.grantKubernetesAccess(undefined as never, "reader"),
      "[test/aks] principal: received nothing (undefined). Expected a principal"],
    ["Azure RBAC turned off", () => entraCluster({ azureRbac: false }).cluster.grantKubernetesAccess(team, "reader"),
      "[test/aks] entraId.azureRbac: received false. The \"Azure Kubernetes Service RBAC\" roles authorize the Kubernetes API only on a cluster with Microsoft Entra ID and Azure RBAC for Kubernetes authorization; elsewhere they do nothing. Fix: set entraId: { tenantId }"],
    ["a cluster without Entra ID", () => new AksCluster(newStack(), "aks", { identity: ClusterIdentity.systemAssigned() }).grantKubernetesAccess(team, "reader"),
      "[test/aks] entraId.azureRbac: received nothing (undefined)."],
  ])("%s is an error", (_name, act, message) => {
    // GIVEN / WHEN / THEN
    expect(act).toThrow(message);
  });
});
