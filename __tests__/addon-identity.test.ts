import { AddonIdentity, RoleGrant, Roles } from "../lib";
import { newStack, only, synthJson } from "./helpers";
import { VAULT } from "./addon-fixtures";

describe("AddonIdentity", () => {
  const attrs = { clientId: "00000000-0000-0000-0000-0000000000c1", objectId: "00000000-0000-0000-0000-0000000000a1", userAssignedIdentityId: "u" };

  test("is a managed-identity principal made by AKS, granted after the cluster", () => {
    const id = new AddonIdentity("ingressApplicationGateway", "myCluster", attrs);
    expect(id.principalId).toBe("00000000-0000-0000-0000-0000000000a1");
    expect([id.principalType, id.isManagedIdentity, id.role, id.existsBeforeCluster]).toEqual(["ServicePrincipal", true, "addon", false]);
    expect(id.description).toBe("Ingress application gateway identity of myCluster (ingressapplicationgateway-myCluster, made by AKS)");
  });

  test("can be passed to RoleGrant", () => {
    const stack = newStack();
    new RoleGrant(stack, "g", { principal: new AddonIdentity("webAppRouting", "c1", attrs), role: Roles.KEY_VAULT_SECRETS_USER, scope: VAULT, reason: "reads certificates" });
    const body = only(synthJson(stack), "azurerm_role_assignment").body;
    expect([body.principal_id, body.principal_type, body.skip_service_principal_aad_check, body.role_definition_name]).toEqual(["00000000-0000-0000-0000-0000000000a1", "ServicePrincipal", true, "Key Vault Secrets User"]);
  });
});
