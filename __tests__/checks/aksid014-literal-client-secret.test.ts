import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Fn, TerraformLocal, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { applyGuardrails } from "../../lib/checks/aspect";
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

describe("AKSID014: secrets fixed at synth, however they are written (issue 12)", () => {
  const firstWords = (stack: ReturnType<typeof guardedStack>) => messagesOf(stack, "AKSID014").map((m) => [m.path, m.message.split(":")[0]]);

  test("raw: Fn.lower and Fn.join of a literal are literal secrets", () => {
    const stack = guardedStack();
    rawCluster(stack, "lower", { servicePrincipal: { clientId: PRINCIPAL, clientSecret: Fn.lower(SECRET) } });
    rawCluster(stack, "joined", { servicePrincipal: { clientId: PRINCIPAL, clientSecret: Fn.join("", ["s3cr3t", "-Value"]) } });
    expect(firstWords(stack)).toEqual([
      ["test/lower", "[test/lower] AKSID014 service_principal.client_secret"],
      ["test/joined", "[test/joined] AKSID014 service_principal.client_secret"],
    ]);
    expect(JSON.stringify(messagesOf(stack, "AKSID014"))).not.toContain("s3cr3t");
  });

  test("raw: a TerraformLocal holding the secret, and a variable's default (read from process.env at synth), are literal secrets", () => {
    const stack = guardedStack();
    const local = new TerraformLocal(stack, "spSecret", SECRET);
    process.env.AKSID014_TEST_SECRET = SECRET;
    const fromEnv = new TerraformVariable(stack, "fromEnv", { type: "string", sensitive: true, default: process.env.AKSID014_TEST_SECRET });
    delete process.env.AKSID014_TEST_SECRET;
    rawCluster(stack, "local", { servicePrincipal: { clientId: PRINCIPAL, clientSecret: local.asString } });
    rawCluster(stack, "env", { servicePrincipal: { clientId: PRINCIPAL, clientSecret: fromEnv.stringValue } });
    expect(firstWords(stack)).toEqual([
      ["test/local", "[test/local] AKSID014 service_principal.client_secret"],
      ["test/env", "[test/env] AKSID014 service_principal.client_secret"],
    ]);
    expect(JSON.stringify(messagesOf(stack, "AKSID014"))).not.toContain(SECRET);
  });

  test("raw: a sensitive variable with a default is reported wherever it is used, without its value", () => {
    // GIVEN a sensitive variable with a default, used in a field that is not a known secret field
    const stack = guardedStack();
    const token = new TerraformVariable(stack, "token", { type: "string", sensitive: true, default: SECRET });
    rawCluster(stack, "aks", { tags: { token: token.stringValue } });
    // THEN
    const messages = messagesOf(stack, "AKSID014");
    expect(messages.map((m) => m.message)).toEqual([
      "[test/aks] AKSID014 tags: received a literal value (not shown). var.token is sensitive but has a default, which is written in plaintext into cdk.tf.json (a default read from process.env at synth too). Fix: remove the default and pass the value at plan time (TF_VAR_<name>, a .tfvars file kept out of the repository), or read it from Key Vault.",
    ]);
    expect(JSON.stringify(messages)).not.toContain(SECRET);
  });

  test("raw: the provider's client_secret wrapped in a function, and client_certificate_password, are literal secrets", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AzurermProvider(stack, "azurerm", { features: [{}], clientSecret: Fn.trimspace(` ${SECRET} `), clientCertificatePassword: "pfx-password-literal" });
    applyGuardrails(stack);
    expect(messagesOf(stack, "AKSID014").map((m) => m.message.split(":")[0])).toEqual([
      "[test/azurerm] AKSID014 client_secret",
      "[test/azurerm] AKSID014 client_certificate_password",
    ]);
    expect(JSON.stringify(messagesOf(stack, "AKSID014"))).not.toMatch(/s3cr3t|pfx-password-literal/);
  });

  test("raw: a function of a variable without default, or of a Key Vault lookup, passes", () => {
    const stack = guardedStack();
    const secret = new TerraformVariable(stack, "secret", { type: "string", sensitive: true });
    rawCluster(stack, "aks", { servicePrincipal: { clientId: PRINCIPAL, clientSecret: Fn.trimspace(secret.stringValue) } });
    expect(messagesOf(stack, "AKSID014")).toEqual([]);
  });
});
