import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { Fn } from "cdktf";
import { externalPrincipal, IPrincipal } from "../lib/grants/principal";
import { REASONS_KEY, RoleGrant } from "../lib/grants/role-grant";
import { Roles } from "../lib/roles";
import { UserAssignedManagedIdentity } from "../lib/identities/user-assigned-managed-identity";
import { newStack, only, synthJson, thrownAksError } from "./helpers";
import { expectedGrantName, ref } from "./identity-blocks";

const SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks";
const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";
const MANAGED: IPrincipal = externalPrincipal({ principalId: "11111111-1111-1111-1111-111111111111", description: "myIdentity" });

const thrown = thrownAksError;

describe("RoleGrant", () => {
  test("writes a deterministic, least-privilege role assignment for a managed identity", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new RoleGrant(stack, "SubnetNetworkContributor", { principal: MANAGED, role: Roles.NETWORK_CONTRIBUTOR, scope: SUBNET, reason: "control plane manages load balancers" });
    // THEN
    const { body } = only(synthJson(stack), "azurerm_role_assignment");
    expect(body).toMatchObject({
      scope: SUBNET,
      role_definition_name: "Network Contributor",
      principal_id: MANAGED.principalId,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
      description: "control plane manages load balancers",
      name: expectedGrantName(SUBNET, MANAGED.principalId, Roles.NETWORK_CONTRIBUTOR.guid),
    });
  });

  test("the name is computed by Terraform from scope, principal and role, so references work too", () => {
    // GIVEN a principal and scope known only at apply time
    const stack = newStack();
    const identity = new UserAssignedManagedIdentity(stack, "myIdentity", { resourceGroupName: "myResourceGroup", location: "westus2" });
    const other = new UserAssignedManagedIdentity(stack, "myKubeletIdentity", { resourceGroupName: "myResourceGroup", location: "westus2" });
    // WHEN
    const g = new RoleGrant(stack, "Operator", { principal: identity, role: Roles.MANAGED_IDENTITY_OPERATOR, scope: other, reason: "assigns the kubelet identity" });
    // THEN: no cluster orders a grant to an identity of its own
    expect(g.timing).toBe("unordered");
    expect(g.createdBeforeCluster).toBe(false);
    const { body } = only(synthJson(stack), "azurerm_role_assignment");
    const scope = ref("azurerm_user_assigned_identity.myKubeletIdentity_A7840E5E", "id");
    const principal = ref("azurerm_user_assigned_identity.myIdentity_4E98E044", "principal_id");
    expect(body.scope).toBe(scope);
    expect(body.principal_id).toBe(principal);
    expect(body.name).toBe(expectedGrantName(scope, principal, "f1a07417-d97a-45cb-824c-7a7467783830"));
  });

  test("a principal that is not a managed identity keeps the Entra ID check", () => {
    const stack = newStack();
    const group = externalPrincipal({ principalId: "33333333-3333-3333-3333-333333333333", principalType: "Group", isManagedIdentity: false, description: "platform team" });
    new RoleGrant(stack, "Readers", { principal: group, role: Roles.READER, scope: SUBNET, reason: "read the network" });
    const { body } = only(synthJson(stack), "azurerm_role_assignment");
    expect(body.principal_type).toBe("Group");
    expect(body.skip_service_principal_aad_check).toBeUndefined();
  });

  test("accepts a grantable and reads its principal", () => {
    const stack = newStack();
    const g = new RoleGrant(stack, "G", { principal: { grantPrincipal: MANAGED }, role: Roles.ACR_PULL, scope: SUBNET.replace(/\/providers.*/, ""), reason: "pull" });
    expect(g.principal).toBe(MANAGED);
    expect(g.createdBeforeCluster).toBe(false);
  });

  test("a second RoleGrant for the same scope, principal and role is an error naming both (Azure holds one)", () => {
    // GIVEN a grant, and the same scope written in another casing (Azure IDs are case-insensitive)
    const stack = newStack();
    new RoleGrant(stack, "First", { principal: MANAGED, role: Roles.NETWORK_CONTRIBUTOR, scope: SUBNET, reason: "load balancers" });
    // WHEN the same grant is asked for again under another id
    const e = thrown(() => new RoleGrant(stack, "Second", { principal: MANAGED, role: Roles.NETWORK_CONTRIBUTOR, scope: SUBNET.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/"), reason: "routes" }));
    // THEN the error names both construct paths and the fix
    expect(e.prop).toBe("scope");
    expect(e.message).toContain("[test/Second] scope:");
    expect(e.message).toContain("test/First already grants Network Contributor on this scope to myIdentity.");
    expect(e.message).toContain("azurerm would fail to create the second (\"already exists\")");
    expect(e.message).toContain("Fix: remove this RoleGrant and keep test/First");
    // a different role on the same scope is another grant
    expect(() => new RoleGrant(stack, "Third", { principal: MANAGED, role: Roles.READER, scope: SUBNET, reason: "reads" })).not.toThrow();
  });

  test("a second reason is recorded on the grant and in its description", () => {
    const stack = newStack();
    const g = new RoleGrant(stack, "G", { principal: MANAGED, role: Roles.READER, scope: SUBNET, reason: "reads the subnet" });
    g.addReason("audits the subnet");
    g.addReason("audits the subnet");
    expect(g.reasons).toEqual(["reads the subnet", "audits the subnet"]);
    const { body } = only(synthJson(stack), "azurerm_role_assignment");
    expect(body.description).toBe("reads the subnet Also: audits the subnet");
    // description is ignored after creation (ForceNew in azurerm 4.x), so the reasons are kept
    // where a reader of cdk.tf.json and the identity report find them: the block's // metadata
    expect(body.lifecycle).toEqual({ ignore_changes: ["description"] });
    // (Testing.synth drops "//"; stack.toTerraform() is what cdktf writes to cdk.tf.json)
    const written = stack.toTerraform() as { resource: { azurerm_role_assignment: Record<string, { "//": Record<string, unknown> }> } };
    expect(Object.values(written.resource.azurerm_role_assignment)[0]["//"][REASONS_KEY]).toEqual(["reads the subnet", "audits the subnet"]);
  });

  test("a reason the first one already starts with adds nothing (a catalog grant asked for twice)", () => {
    const stack = newStack();
    const g = new RoleGrant(stack, "G", { principal: MANAGED, role: Roles.READER, scope: SUBNET, reason: "reads the subnet. Principal: myIdentity. Granted before the cluster is created." });
    g.addReason("reads the subnet");
    g.addReason("reads the");
    expect(g.reasons).toEqual(["reads the subnet. Principal: myIdentity. Granted before the cluster is created.", "reads the"]);
  });

  test("broad access is allowed only with a written reason", () => {
    const stack = newStack();
    new RoleGrant(stack, "BreakGlass", { principal: MANAGED, role: Roles.OWNER, scope: SUBSCRIPTION, reason: "break-glass", allowBroadAccess: { reason: "ticket OPS-123" } });
    const { body } = only(synthJson(stack), "azurerm_role_assignment");
    expect(body).toMatchObject({ role_definition_name: "Owner", scope: SUBSCRIPTION });
  });

  describe("rejects", () => {
    test.each([
      ["Owner", Roles.OWNER],
      ["User Access Administrator", Roles.USER_ACCESS_ADMINISTRATOR],
    ])("the privileged role %s", (name, role) => {
      const stack = newStack();
      const e = thrown(() => new RoleGrant(stack, "G", { principal: MANAGED, role, scope: SUBNET, reason: "why not" }));
      expect(e.message).toContain("[test/G] role:");
      expect(e.message).toContain(`received "${name}"`);
      expect(e.message).toContain("AKS never needs them");
      expect(e.message).toContain("Fix: use the narrowest role the scenario documents");
      expect(e.message).toContain("allowBroadAccess: { reason }");
    });

    test("a subscription scope", () => {
      const stack = newStack();
      const e = thrown(() => new RoleGrant(stack, "G", { principal: MANAGED, role: Roles.NETWORK_CONTRIBUTOR, scope: SUBSCRIPTION, reason: "network" }));
      expect(e.message).toBe(`[test/G] scope: received "${SUBSCRIPTION}". Subscription and management-group scopes reach far more than a cluster needs. Fix: grant on the resource (subnet, registry, zone) or its resource group, or pass allowBroadAccess: { reason }.`);
    });

    test("a management-group scope", () => {
      const stack = newStack();
      const mg = "/providers/Microsoft.Management/managementGroups/platform";
      const e = thrown(() => new RoleGrant(stack, "G", { principal: MANAGED, role: Roles.READER, scope: mg, reason: "read" }));
      expect(e.prop).toBe("scope");
      expect(e.message).toContain("management-group scopes reach far more");
    });

    test.each([[""], ["   "]])("an empty reason (%j)", (reason) => {
      const stack = newStack();
      const e = thrown(() => new RoleGrant(stack, "G", { principal: MANAGED, role: Roles.ACR_PULL, scope: SUBNET, reason }));
      expect(e.message).toBe(`[test/G] reason: received ${JSON.stringify(reason)}. Every grant records why it exists. Fix: pass a short sentence, e.g. "control plane manages load balancers in this subnet".`);
    });

    test("an opt-in to broad access without a reason", () => {
      const stack = newStack();
      const e = thrown(() => new RoleGrant(stack, "G", { principal: MANAGED, role: Roles.OWNER, scope: SUBNET, reason: "x", allowBroadAccess: { reason: " " } }));
      expect(e.prop).toBe("allowBroadAccess.reason");
      expect(e.message).toContain("A written reason is required. Fix: say why this principal needs broad access");
    });

    test("a scope that is not a resource ID", () => {
      const stack = newStack();
      const e = thrown(() => new RoleGrant(stack, "G", { principal: MANAGED, role: Roles.READER, scope: "myVnet", reason: "read" }));
      expect(e.message).toContain("[test/G] scope: received \"myVnet\". Expected an Azure resource ID");
      expect(e.message).toContain("Fix: pass the resource's `id` attribute or its full ID.");
    });
  });
});

describe("RoleGrant and subscription scopes built at plan time", () => {
  test.each([
    ["/subscriptions/${data.azurerm_client_config.current.subscription_id}", (c: { subscriptionId: string }) => `/subscriptions/${c.subscriptionId}`],
    ["format(\"/subscriptions/%s\", ...)", (c: { subscriptionId: string }) => Fn.format("/subscriptions/%s", [c.subscriptionId])],
  ])("%s is a subscription scope, refused without allowBroadAccess, accepted with it and under a resource group", (_name, build) => {
    // GIVEN the usual idioms for the current subscription
    const stack = newStack();
    const client = new DataAzurermClientConfig(stack, "current");
    // WHEN / THEN
    const e = thrown(() => new RoleGrant(stack, "G", { principal: MANAGED, role: Roles.READER, scope: build(client), reason: "reads everything" }));
    expect(e.prop).toBe("scope");
    expect(e.message).toContain("The scope is a whole subscription, which reaches far more than a cluster needs.");
    expect(() => new RoleGrant(stack, "Ok", { principal: MANAGED, role: Roles.READER, scope: build(client), reason: "inventory", allowBroadAccess: { reason: "cost exporter, OPS-9" } })).not.toThrow();
    expect(() => new RoleGrant(stack, "Group", { principal: MANAGED, role: Roles.CONTRIBUTOR, scope: `${build(client)}/resourceGroups/rg`, reason: "writes one group" })).not.toThrow();
  });
});
