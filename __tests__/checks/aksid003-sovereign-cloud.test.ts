import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, IDENTITY_ID, messagesOf, RG, rawCluster } from "./fixtures";

describe("AKSID003 user-assigned control plane in Azure Government / China", () => {
  test("library: a user-assigned cluster in the public cloud passes", () => {
    const stack = guardedStack({ environment: "public" });
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")) });
    expect(messagesOf(stack, "AKSID003")).toEqual([]);
  });

  test("library: a user-assigned cluster with an Azure Government provider is an error", () => {
    const stack = guardedStack({ environment: "usgovernment" });
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")) });
    expect(messagesOf(stack, "AKSID003")).toEqual([{
      level: "@cdktf/error",
      path: "test/aks/Resource",
      message: "[test/aks/Resource] AKSID003 identity.type: received \"UserAssigned\". The cluster's provider azurerm targets Azure Government (environment \"usgovernment\"), where the article states a user-assigned control-plane identity isn't supported. Fix: use a system-assigned identity in this cloud, or, if the current AKS documentation for your cloud supports it, suppress AKSID003 with that reason.",
    }]);
  });

  test("library: a system-assigned cluster in Azure China passes", () => {
    const stack = guardedStack({ environment: "china" });
    new AksCluster(stack, "aks", { resourceGroup: RG });
    expect(messagesOf(stack, "AKSID003")).toEqual([]);
  });

  test("raw: the rule follows the cluster's provider alias", () => {
    // GIVEN: a public default provider and an Azure China alias
    const stack = guardedStack();
    const china = new AzurermProvider(stack, "china", { features: [{}], alias: "china", environment: "china" });
    rawCluster(stack, "public", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] } });
    rawCluster(stack, "cn", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] }, provider: china });
    // THEN: only the cluster on the China provider is reported
    expect(messagesOf(stack, "AKSID003").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
      ["test/cn", "The cluster's provider azurerm.china targets Azure China 21Vianet (environment \"china\"), where the article states a user-assigned control-plane identity isn't supported"],
    ]);
  });
});
