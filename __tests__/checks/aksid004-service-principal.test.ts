import { TerraformVariable } from "cdktf";
import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, messagesOf, PRINCIPAL, RG, rawCluster } from "./fixtures";

describe("AKSID004 service principal in use", () => {
  test("library: a managed-identity cluster passes", () => {
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG });
    expect(messagesOf(stack, "AKSID004")).toEqual([]);
  });

  test("library: a service-principal cluster is a warning with the migration", () => {
    const stack = guardedStack();
    const secret = new TerraformVariable(stack, "secret", { type: "string", sensitive: true });
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.servicePrincipal({ clientId: PRINCIPAL, clientSecret: secret.stringValue }) });
    expect(messagesOf(stack, "AKSID004")).toEqual([{
      level: "@cdktf/warn",
      path: "test/aks/Resource",
      message: `[test/aks/Resource] AKSID004 service_principal.client_id: received "${PRINCIPAL}". The cluster authenticates with a service principal, whose secret expires and must be rotated or the cluster stops working. Fix: migrate in place: replace service_principal with identity { type = "SystemAssigned" } (or UserAssigned), then run az aks nodepool upgrade --node-image-only on every pool (ManagedIdentityMigration).`,
    }]);
  });

  test("raw: a service_principal block is a warning, an identity block is not", () => {
    const stack = guardedStack();
    const secret = new TerraformVariable(stack, "secret", { type: "string", sensitive: true });
    rawCluster(stack, "sp", { servicePrincipal: { clientId: PRINCIPAL, clientSecret: secret.stringValue } });
    rawCluster(stack, "mi", {});
    expect(messagesOf(stack, "AKSID004").map((m) => [m.path, m.level])).toEqual([["test/sp", "@cdktf/warn"]]);
  });
});
