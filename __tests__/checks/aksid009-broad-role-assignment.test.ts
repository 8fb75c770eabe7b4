import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { Fn, TerraformLocal, TerraformVariable } from "cdktf";
import { DataAzurermRoleDefinition } from "@cdktf/provider-azurerm/lib/data-azurerm-role-definition";
import { DataAzurermSubscription } from "@cdktf/provider-azurerm/lib/data-azurerm-subscription";
import { externalPrincipal, RoleGrant, Roles } from "../../lib";
import { synthJson } from "../helpers";
import { guardedStack, messagesOf, PRINCIPAL, RG_ID, rawGrant, SUB } from "./fixtures";

const principal = externalPrincipal({ principalId: PRINCIPAL, description: "automation" });

describe("AKSID009 Owner, User Access Administrator, broad scopes", () => {
  test("library: a Reader grant on a resource group passes", () => {
    const stack = guardedStack();
    new RoleGrant(stack, "grant", { principal, role: Roles.READER, scope: RG_ID, reason: "read the group" });
    expect(messagesOf(stack, "AKSID009")).toEqual([]);
  });

  test("library: allowBroadAccess is the suppression; its reason is reported and recorded in cdk.tf.json", () => {
    const stack = guardedStack();
    new RoleGrant(stack, "grant", { principal, role: Roles.OWNER, scope: `/subscriptions/${SUB}`, reason: "break glass", allowBroadAccess: { reason: "break-glass automation, ticket OPS-123" } });
    // THEN: two findings (role, scope), each reported as suppressed info, no error
    expect(messagesOf(stack, "AKSID009")).toEqual([
      { level: "@cdktf/info", path: "test/grant/Resource", message: "[test/grant/Resource] AKSID009 suppressed: break-glass automation, ticket OPS-123" },
    ]);
    const json = synthJsonWithMetadata(stack) as { resource: Record<string, Record<string, Record<string, { aksIdentitySuppressions?: unknown }>>> };
    const [assignment] = Object.values(json.resource.azurerm_role_assignment);
    expect(assignment["//"].aksIdentitySuppressions).toEqual([
      { rule: "AKSID009", reason: "break-glass automation, ticket OPS-123" },
    ]);
  });

  test("library: Owner or a subscription scope put in by override are errors", () => {
    const stack = guardedStack();
    const g = new RoleGrant(stack, "grant", { principal, role: Roles.READER, scope: RG_ID, reason: "read the group" });
    g.assignment.addOverride("role_definition_name", "Owner");
    g.assignment.addOverride("scope", `/subscriptions/${SUB}`);
    // THEN
    expect(messagesOf(stack, "AKSID009")).toEqual([
      { level: "@cdktf/error", path: "test/grant/Resource", message: "[test/grant/Resource] AKSID009 role_definition_name: received \"Owner\". Owner lets the principal grant itself any access; AKS never needs it. Fix: grant the narrowest role on the narrowest resource (subnet, registry, zone, or its resource group); if this is intended, suppress AKSID009 with the reason (RoleGrant: allowBroadAccess: { reason })." },
      { level: "@cdktf/error", path: "test/grant/Resource", message: `[test/grant/Resource] AKSID009 scope: received "/subscriptions/${SUB}". The scope is a whole subscription, which reaches far more than a cluster needs. Fix: grant the narrowest role on the narrowest resource (subnet, registry, zone, or its resource group); if this is intended, suppress AKSID009 with the reason (RoleGrant: allowBroadAccess: { reason }).` },
    ]);
  });

  test("raw: subscription lookup, management group and User Access Administrator by definition lookup are errors", () => {
    const stack = guardedStack();
    const current = new DataAzurermSubscription(stack, "current", {});
    const uaa = new DataAzurermRoleDefinition(stack, "uaaRole", { name: "User Access Administrator" });
    rawGrant(stack, "sub", { scope: current.id, principalId: PRINCIPAL });
    rawGrant(stack, "mg", { scope: "/providers/Microsoft.Management/managementGroups/contoso", principalId: PRINCIPAL });
    rawGrant(stack, "uaa", { roleDefinitionId: uaa.roleDefinitionId, roleDefinitionName: undefined, principalId: PRINCIPAL });
    rawGrant(stack, "ok", { roleDefinitionName: "Network Contributor", principalId: PRINCIPAL });
    // THEN
    expect(messagesOf(stack, "AKSID009").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
      ["test/sub", "The scope is a whole subscription, which reaches far more than a cluster needs"],
      ["test/mg", "The scope is a management group, which reaches far more than a cluster needs"],
      ["test/uaa", "User Access Administrator lets the principal grant itself any access; AKS never needs it"],
    ]);
  });
});

/** cdk.tf.json as written, `//` metadata included (Testing.synth strips it). */
function synthJsonWithMetadata(stack: ReturnType<typeof guardedStack>): Record<string, unknown> {
  synthJson(stack); // runs the aspects
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

describe("AKSID009 on the subscription idioms (issue 12)", () => {
  test("raw: /subscriptions/${...subscription_id}, Fn.format, a subscription lookup's id and a local of them are errors; with a resource group they pass", () => {
    // GIVEN the usual ways to write a subscription scope, each also with a resource group under it
    const stack = guardedStack();
    const client = new DataAzurermClientConfig(stack, "client", {});
    const current = new DataAzurermSubscription(stack, "current", {});
    const sub = new TerraformVariable(stack, "sub", { type: "string" });
    const local = new TerraformLocal(stack, "subScope", `/subscriptions/${client.subscriptionId}`);
    rawGrant(stack, "interp", { scope: `/subscriptions/${client.subscriptionId}`, principalId: PRINCIPAL });
    rawGrant(stack, "format", { scope: Fn.format("/subscriptions/%s", [sub.stringValue]), principalId: PRINCIPAL });
    rawGrant(stack, "lookup", { scope: current.id, principalId: PRINCIPAL });
    rawGrant(stack, "local", { scope: local.asString, principalId: PRINCIPAL });
    rawGrant(stack, "interpRg", { scope: `/subscriptions/${client.subscriptionId}/resourceGroups/rg`, principalId: PRINCIPAL });
    rawGrant(stack, "formatRg", { scope: Fn.format("/subscriptions/%s/resourceGroups/%s", [sub.stringValue, "rg"]), principalId: PRINCIPAL });
    rawGrant(stack, "lookupRg", { scope: `${current.id}/resourceGroups/rg`, principalId: PRINCIPAL });
    // THEN only the four subscription scopes are errors
    expect(messagesOf(stack, "AKSID009").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
      ["test/interp", "The scope is a whole subscription, which reaches far more than a cluster needs"],
      ["test/format", "The scope is a whole subscription, which reaches far more than a cluster needs"],
      ["test/lookup", "The scope is a whole subscription, which reaches far more than a cluster needs"],
      ["test/local", "The scope is a whole subscription, which reaches far more than a cluster needs"],
    ]);
  });

  test("raw: Role Based Access Control Administrator (it can assign Owner) is privileged, by name or by definition id", () => {
    const stack = guardedStack();
    rawGrant(stack, "byName", { roleDefinitionName: "Role Based Access Control Administrator", principalId: PRINCIPAL });
    rawGrant(stack, "byId", { roleDefinitionName: undefined, roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168`, principalId: PRINCIPAL });
    expect(messagesOf(stack, "AKSID009").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
      ["test/byName", "Role Based Access Control Administrator lets the principal grant itself any access; AKS never needs it"],
      ["test/byId", "Role Based Access Control Administrator lets the principal grant itself any access; AKS never needs it"],
    ]);
  });
});
