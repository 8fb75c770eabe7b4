import { AddonIdentity, catalogRowOf, RoleGrant, Roles } from "../lib";
import { newStack, only, synthJson } from "./helpers";
import { VAULT } from "./addon-fixtures";

describe("AddonIdentity", () => {
  const attrs = { clientId: "00000000-0000-0000-0000-0000000000c1", objectId: "00000000-0000-0000-0000-0000000000a1", userAssignedIdentityId: "u" };

  test("is a managed-identity principal made by AKS, its own grant principal", () => {
    const id = new AddonIdentity(catalogRowOf("ingressApplicationGateway")!, "myCluster", attrs);
    expect(id.principalId).toBe("00000000-0000-0000-0000-0000000000a1");
    expect([id.principalType, id.isManagedIdentity, id.identityKind, id.createdByAks, id.addon]).toEqual(["ServicePrincipal", true, "addon", true, "ingressApplicationGateway"]);
    expect(id.grantPrincipal).toBe(id);
    expect(id.description).toBe("Ingress application gateway identity of myCluster (ingressapplicationgateway-myCluster, made by AKS)");
  });

  test("can be passed to RoleGrant; with no cluster ordering it, the grant comes after the cluster that makes the identity", () => {
    const stack = newStack();
    const g = new RoleGrant(stack, "g", { principal: new AddonIdentity(catalogRowOf("webAppRouting")!, "c1", attrs), role: Roles.KEY_VAULT_SECRETS_USER, scope: VAULT, reason: "reads certificates" });
    const body = only(synthJson(stack), "azurerm_role_assignment").body;
    expect([body.principal_id, body.principal_type, body.skip_service_principal_aad_check, body.role_definition_name]).toEqual(["00000000-0000-0000-0000-0000000000a1", "ServicePrincipal", true, "Key Vault Secrets User"]);
    expect(g.timing).toBe("after-cluster");
  });
});
