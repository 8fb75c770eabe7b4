import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { UserAssignedManagedIdentity } from "../lib/identities/user-assigned-managed-identity";
import { newStack, only, resolveIn, synthJson, thrownAksError } from "./helpers";
import { ref } from "./identity-blocks";

const IDENTITY_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myIdentity";
const SUBNET_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks";

describe("UserAssignedManagedIdentity", () => {
  test("az identity create: one identity whose attributes are references", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const identity = new UserAssignedManagedIdentity(stack, "myIdentity", { resourceGroupName: "myResourceGroup", location: "westus2", tags: { team: "platform" } });
    // THEN
    const { id, body } = only(synthJson(stack), "azurerm_user_assigned_identity");
    expect(body).toMatchObject({ name: "myIdentity", resource_group_name: "myResourceGroup", location: "westus2", tags: { team: "platform" } });
    const address = `azurerm_user_assigned_identity.${id}`;
    expect(resolveIn(stack, identity.id)).toBe(ref(address, "id"));
    expect(resolveIn(stack, identity.principalId)).toBe(ref(address, "principal_id"));
    expect(resolveIn(stack, identity.clientId)).toBe(ref(address, "client_id"));
    expect(resolveIn(stack, identity.tenantId)).toBe(ref(address, "tenant_id"));
    expect(identity).toMatchObject({ name: "myIdentity", principalType: "ServicePrincipal", isManagedIdentity: true, createdByAks: false });
    expect(identity.grantPrincipal).toBe(identity);
    expect("identityKind" in identity).toBe(false);
  });

  test("the name can differ from the construct id", () => {
    const stack = newStack();
    const identity = new UserAssignedManagedIdentity(stack, "ControlPlane", { name: "id-aks-prod", resourceGroupName: "rg", location: "westeurope" });
    expect(identity.name).toBe("id-aks-prod");
    expect(only(synthJson(stack), "azurerm_user_assigned_identity").body.name).toBe("id-aks-prod");
  });

  test("rejects a name Azure would refuse, saying what is allowed", () => {
    const stack = newStack();
    const e = thrownAksError(() => new UserAssignedManagedIdentity(stack, "Id", { name: "my identity", resourceGroupName: "rg", location: "westus2" }));
    expect(e.message).toBe("[test/Id] name: received \"my identity\". Allowed: letters, digits, hyphens and underscores, starting with a letter or digit, 3-128 characters. Fix: rename it to fit, e.g. \"my-identity\".");
  });

  test("rejects a location with spaces", () => {
    const stack = newStack();
    const e = thrownAksError(() => new UserAssignedManagedIdentity(stack, "Ident", { resourceGroupName: "rg", location: "West US 2" }));
    expect(e.prop).toBe("location");
    expect(e.message).toContain("an Azure region's name in lowercase without spaces, like westus2");
  });

  describe("fromResourceId (az identity show --ids)", () => {
    test("looks the identity up by name and group parsed from the ID", () => {
      const stack = newStack();
      const identity = UserAssignedManagedIdentity.fromResourceId(stack, "Existing", IDENTITY_ID);
      const lookup = synthJson(stack).data!.azurerm_user_assigned_identity.Existing;
      expect(lookup).toMatchObject({ name: "myIdentity", resource_group_name: "myResourceGroup" });
      expect(identity.id).toBe(IDENTITY_ID);
      expect(resolveIn(stack, identity.principalId)).toBe(ref("data.azurerm_user_assigned_identity.Existing", "principal_id"));
      expect(resolveIn(stack, identity.clientId)).toBe(ref("data.azurerm_user_assigned_identity.Existing", "client_id"));
      expect(identity).toMatchObject({ principalType: "ServicePrincipal", isManagedIdentity: true, createdByAks: false });
    });

    test("splits an ID known only at plan time with Terraform functions", () => {
      const stack = newStack();
      const idVar = new TerraformVariable(stack, "identity_id", { type: "string" });
      UserAssignedManagedIdentity.fromResourceId(stack, "Existing", idVar.stringValue);
      const lookup = synthJson(stack).data!.azurerm_user_assigned_identity.Existing;
      expect(lookup).toMatchObject({ name: "${element(split(\"/\", var.identity_id), 8)}", resource_group_name: "${element(split(\"/\", var.identity_id), 4)}" });
    });

    test("rejects an ID of another resource type", () => {
      const stack = newStack();
      const e = thrownAksError(() => UserAssignedManagedIdentity.fromResourceId(stack, "Existing", SUBNET_ID));
      expect(e.message).toBe(`[test/Existing] resourceId: received "${SUBNET_ID}". Expected the resource ID of a Microsoft.ManagedIdentity/userAssignedIdentities, like ${IDENTITY_ID}. Fix: pass the resource's \`id\` attribute (a reference) or its full ID, as \`az resource show --query id\` prints it.`);
    });
  });

  describe("fromAttributes (az identity list)", () => {
    test("uses the given attributes with no lookup", () => {
      const stack = newStack();
      const identity = UserAssignedManagedIdentity.fromAttributes(stack, "Existing", { id: IDENTITY_ID, clientId: "00000000-0000-0000-0000-0000000000c1", principalId: "00000000-0000-0000-0000-0000000000a1", tenantId: "00000000-0000-0000-0000-0000000000d1" });
      expect(identity).toMatchObject({ id: IDENTITY_ID, clientId: "00000000-0000-0000-0000-0000000000c1", principalId: "00000000-0000-0000-0000-0000000000a1", tenantId: "00000000-0000-0000-0000-0000000000d1", name: "myIdentity", createdByAks: false });
      expect(identity.description).toBe("existing user-assigned identity myIdentity");
      expect(synthJson(stack).data).toBeUndefined();
    });

    test("takes the name from a token ID with Terraform functions", () => {
      const stack = newStack();
      const idVar = new TerraformVariable(stack, "identity_id", { type: "string" });
      const identity = UserAssignedManagedIdentity.fromAttributes(stack, "Existing", { id: idVar.stringValue, clientId: "00000000-0000-0000-0000-0000000000c1", principalId: "00000000-0000-0000-0000-0000000000a1" });
      expect(resolveIn(stack, identity.name)).toBe("${element(split(\"/\", var.identity_id), 8)}");
      expect(identity.description).toBe("existing user-assigned identity");
    });

    test("rejects an ID of another resource type", () => {
      const stack = newStack();
      const e = thrownAksError(() => UserAssignedManagedIdentity.fromAttributes(stack, "Existing", { id: SUBNET_ID, clientId: "00000000-0000-0000-0000-0000000000c1", principalId: "00000000-0000-0000-0000-0000000000a1" }));
      expect(e.path).toBe("test/Existing");
      expect(e.prop).toBe("id");
      expect(e.message).toContain("Expected the resource ID of a Microsoft.ManagedIdentity/userAssignedIdentities");
    });
  });
});

test("a too-short identity name gets a suggestion that is long enough", () => {
  const stack = newStack();
  const e = thrownAksError(() => new UserAssignedManagedIdentity(stack, "identity", { name: "cp", resourceGroupName: "rg", location: "westus2" }));
  expect(e.message).toContain("3-128 characters. Fix: rename it to fit, e.g. \"acp\".");
});

describe("an existing identity in another subscription", () => {
  const A = "aaaaaaaa-0000-0000-0000-000000000000";
  const B = "bbbbbbbb-0000-0000-0000-000000000000";
  const idIn = (sub: string, name: string) => `/subscriptions/${sub}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
  function stackWith(provider: { subscriptionId?: string; tenantId?: string; environment?: string }) {
    const stack = new TerraformStack(Testing.app(), "test");
    new AzurermProvider(stack, "azurerm", { features: [{}], ...provider });
    return stack;
  }
  type Json = { data: { azurerm_user_assigned_identity: Record<string, { provider?: string; name: string }> }; provider: { azurerm: Record<string, unknown>[] } };

  test("is looked up through an aliased provider for its subscription, with the default provider's settings; one alias per subscription", () => {
    // GIVEN the stack's provider in subscription A, and two identities in subscription B and one in A
    const stack = stackWith({ subscriptionId: A, tenantId: "cccccccc-0000-0000-0000-000000000000", environment: "public" });
    UserAssignedManagedIdentity.fromResourceId(stack, "platform", idIn(B, "platform"));
    UserAssignedManagedIdentity.fromResourceId(stack, "kubelet", idIn(B, "kubelet"));
    UserAssignedManagedIdentity.fromResourceId(stack, "local", idIn(A, "local"));
    // WHEN synthesized
    const json = JSON.parse(Testing.synth(stack)) as Json;
    // THEN the B lookups use one alias for B, the A lookup the default provider
    const lookups = json.data.azurerm_user_assigned_identity;
    expect(Object.values(lookups).map((l) => [l.name, l.provider]).sort()).toEqual([["kubelet", "azurerm.subscription_bbbbbbbb"], ["local", undefined], ["platform", "azurerm.subscription_bbbbbbbb"]]);
    expect(json.provider.azurerm).toEqual([
      { features: [{}], subscription_id: A, tenant_id: "cccccccc-0000-0000-0000-000000000000", environment: "public" },
      { alias: "subscription_bbbbbbbb", features: [{}], subscription_id: B, tenant_id: "cccccccc-0000-0000-0000-000000000000", environment: "public" },
    ]);
  });

  test("with the default provider's subscription unknown at synth, the lookup is pinned to the ID's subscription", () => {
    const stack = stackWith({});
    UserAssignedManagedIdentity.fromResourceId(stack, "platform", idIn(B, "platform"));
    const json = JSON.parse(Testing.synth(stack)) as Json;
    expect(Object.values(json.data.azurerm_user_assigned_identity)[0].provider).toBe("azurerm.subscription_bbbbbbbb");
  });

  test("a provider passed by the caller is used as it is", () => {
    const stack = stackWith({ subscriptionId: A });
    const mine = new AzurermProvider(stack, "platform-sub", { features: [{}], alias: "platform", subscriptionId: B });
    UserAssignedManagedIdentity.fromResourceId(stack, "platform", idIn(B, "platform"), { provider: mine });
    const json = JSON.parse(Testing.synth(stack)) as Json;
    expect(Object.values(json.data.azurerm_user_assigned_identity)[0].provider).toBe("azurerm.platform");
    expect(json.provider.azurerm).toHaveLength(2);
  });
});

describe("a name taken from the construct id", () => {
  test("when it does not fit Azure's rules, the error says the name was defaulted and how to give one", () => {
    // GIVEN an identity created without a name, whose construct id is too short for an identity name
    const stack = newStack();
    // WHEN / THEN
    const e = thrownAksError(() => new UserAssignedManagedIdentity(stack, "cp", { resourceGroupName: "rg", location: "westus2" }));
    expect(e.prop).toBe("name");
    expect(e.message).toContain("[test/cp] name: received \"cp\". No name was given, so the construct id \"cp\" is used as the Azure name, and it does not fit.");
    expect(e.message).toContain("Fix: pass name: \"...\" explicitly, e.g. \"acp\" (the Azure name may differ from the construct id), or rename the construct.");
    // and with the name given, the same construct id is fine
    expect(new UserAssignedManagedIdentity(stack, "cp2", { name: "aks-control-plane", resourceGroupName: "rg", location: "westus2" }).name).toBe("aks-control-plane");
  });
});
