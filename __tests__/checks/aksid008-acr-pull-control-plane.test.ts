import { AksCluster, ClusterIdentity, Roles } from "../../lib";
import { guardedStack, identity, messagesOf, RG, rawCluster, rawGrant, rawIdentity, REGISTRY_ID } from "./fixtures";
import { grantControlPlane } from "../helpers";

const FIX = "Fix: grant AcrPull to the kubelet identity: azurerm_kubernetes_cluster.<name>.kubelet_identity[0].object_id or the bring-your-own kubelet identity's principal_id (AksCluster.attachContainerRegistry).";

describe("AKSID008 AcrPull to the control-plane identity", () => {
  test("library: attachContainerRegistry grants the kubelet identity and passes", () => {
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, containerRegistries: [REGISTRY_ID] });
    expect(messagesOf(stack, "AKSID008")).toEqual([]);
  });

  test("library: grantControlPlane(AcrPull) on a system-assigned cluster is an error", () => {
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    grantControlPlane(cluster, "AcrPullWrong", Roles.ACR_PULL, REGISTRY_ID, "pull images");
    // THEN
    expect(messagesOf(stack, "AKSID008")).toEqual([{
      level: "@cdktf/error",
      path: "test/aks/AcrPullWrong/Resource",
      message: expect.stringMatching(/^\[test\/aks\/AcrPullWrong\/Resource\] AKSID008 principal_id: received "\$\{azurerm_kubernetes_cluster\.aks_[0-9A-F]+\.identity\[0\]\.principal_id\}"\. AcrPull is granted to the control-plane identity of azurerm_kubernetes_cluster\.aks_[0-9A-F]+, but its kubelet identity pulls images, so pulls fail with 401\. /),
    }]);
    expect(messagesOf(stack, "AKSID008")[0].message).toContain(FIX);
  });

  test("library: grantControlPlane(AcrPull) on a user-assigned cluster is an error too", () => {
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")) });
    grantControlPlane(cluster, "AcrPullWrong", Roles.ACR_PULL, REGISTRY_ID, "pull images");
    expect(messagesOf(stack, "AKSID008").map((m) => m.message.split(". ")[0])).toEqual([
      expect.stringMatching(/AKSID008 principal_id: received "\$\{azurerm_user_assigned_identity\.myIdentity_[0-9A-F]+\.principal_id\}"$/),
    ]);
  });

  test("raw: AcrPull to identity[0].principal_id or to the user-assigned control plane are errors; to the kubelet passes", () => {
    const stack = guardedStack();
    const sa = rawCluster(stack, "sa", {});
    const cp = rawIdentity(stack, "cp");
    rawCluster(stack, "ua", { identity: { type: "UserAssigned", identityIds: [cp.id] } });
    rawGrant(stack, "kubeletPull", { scope: REGISTRY_ID, roleDefinitionName: "AcrPull", principalId: sa.kubeletIdentity.objectId });
    rawGrant(stack, "saPull", { scope: REGISTRY_ID, roleDefinitionName: "AcrPull", principalId: sa.identity.principalId });
    rawGrant(stack, "uaPull", { scope: REGISTRY_ID, roleDefinitionName: undefined, roleDefinitionId: "7f951dda-4ed3-4680-a7ca-43fe172d538d", principalId: cp.principalId });
    // THEN
    expect(messagesOf(stack, "AKSID008").map((m) => [m.path, m.level, m.message.split(". ")[1]])).toEqual([
      ["test/saPull", "@cdktf/error", "AcrPull is granted to the control-plane identity of azurerm_kubernetes_cluster.sa, but its kubelet identity pulls images, so pulls fail with 401"],
      ["test/uaPull", "@cdktf/error", "AcrPull is granted to the control-plane identity of azurerm_kubernetes_cluster.ua, but its kubelet identity pulls images, so pulls fail with 401"],
    ]);
  });
});
