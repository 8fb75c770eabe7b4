import { TerraformVariable } from "cdktf";
import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, messagesOf, PRINCIPAL, RG, rawCluster } from "./fixtures";

const SECRET = "s3cr3t-Value~from.the.portal";

describe("AKSID014 literal client secret", () => {
  test("library: a secret passed as a sensitive variable passes", () => {
    const stack = guardedStack();
    const secret = new TerraformVariable(stack, "secret", { type: "string", sensitive: true });
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.servicePrincipal({ clientId: PRINCIPAL, clientSecret: secret.stringValue }) });
    expect(messagesOf(stack, "AKSID014")).toEqual([]);
  });

  test("library: a literal secret put in by override is an error that does not echo it", () => {
    const stack = guardedStack();
    const secret = new TerraformVariable(stack, "secret", { type: "string", sensitive: true });
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.servicePrincipal({ clientId: PRINCIPAL, clientSecret: secret.stringValue }) });
    cluster.resource.addOverride("service_principal.client_secret", SECRET);
    // THEN
    const messages = messagesOf(stack, "AKSID014");
    expect(messages).toEqual([{
      level: "@cdktf/error",
      path: "test/aks/Resource",
      message: "[test/aks/Resource] AKSID014 service_principal.client_secret: received a literal value (not shown). A literal client secret is written in plaintext into cdk.tf.json and the Terraform state. Fix: pass a sensitive TerraformVariable's value or a Key Vault secret lookup instead (or ARM_CLIENT_SECRET for the provider), or move to a managed identity.",
    }]);
    expect(JSON.stringify(messages)).not.toContain(SECRET);
  });

  test("raw: a literal secret in the cluster and in the provider are errors", () => {
    const stack = guardedStack({ clientSecret: SECRET });
    rawCluster(stack, "aks", { servicePrincipal: { clientId: PRINCIPAL, clientSecret: SECRET } });
    expect(messagesOf(stack, "AKSID014").map((m) => [m.path, m.level, m.message.split(":")[0]])).toEqual([
      ["test/azurerm", "@cdktf/error", "[test/azurerm] AKSID014 client_secret"],
      ["test/aks", "@cdktf/error", "[test/aks] AKSID014 service_principal.client_secret"],
    ]);
  });

  test("raw: a provider without a secret (ARM_CLIENT_SECRET, managed identity) passes", () => {
    const stack = guardedStack();
    rawCluster(stack, "aks", {});
    expect(messagesOf(stack, "AKSID014")).toEqual([]);
  });
});
