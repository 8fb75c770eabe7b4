import { ADDON_IDENTITY_BLOCKS } from "../addons/all";
import { IdentityKind } from "../catalog/identity-kinds";
import { block, blocks } from "../terraform-json/blocks";
import { expressionKey, literal, referenceOf, referenceText } from "../terraform-json/expressions";
import { parseResourceId } from "../private/resource-id";
import { describeExpression } from "./describe-expression";
import { JsonStackModel, refersTo, resourcesOfType, TfResource } from "./stack-model";

export type ReportedIdentityKind = Exclude<IdentityKind, "oss-project">;
export type ReportedIdentityType = "SystemAssigned" | "UserAssigned" | "ServicePrincipal";

/** One identity a cluster runs with, as a reviewer needs to see it. */
export interface ClusterIdentityInfo {
  /** Unique within the cluster: `control-plane`, `kubelet`, `addon:oms_agent`, `workload:<address>`. */
  readonly key: string;
  readonly kind: ReportedIdentityKind;
  /** `control plane`, `kubelet`, `add-on oms_agent`, `workload system:serviceaccount:ns:sa` */
  readonly label: string;
  readonly type: ReportedIdentityType;
  /** Who creates it: AKS with the cluster, this configuration (address), or something outside it. */
  readonly createdBy: string;
  readonly bringYourOwn: boolean;
  /** The identity's resource by Terraform address or literal ID, when there is one to name. */
  readonly resource?: string;
  /** Identity kind for defaultPermissionsFor, which reads the add-on catalog. */
  readonly defaultsKey: string;
  /** Keys a role assignment's principal_id can match (see principalKey). */
  readonly principalKeys: readonly string[];
}

/** Add-on blocks of azurerm_kubernetes_cluster and the identity each exports, from the add-on list. */
export { ADDON_IDENTITY_BLOCKS };

/**
 * The key a principal id is matched by. The report prints principalKeys, so a reference
 * reads as its Terraform traversal (`a.b.principal_id`); a literal is lower-cased (see expressionKey).
 */
export function principalKey(value: unknown): string | undefined {
  // `${ a.principal_id }`, `${lower(a.principal_id)}`: the same principal as `${a.principal_id}`.
  const ref = referenceOf(value);
  return ref ? referenceText(ref) : expressionKey(value);
}

/** The identities of one azurerm_kubernetes_cluster: control plane, kubelet, add-ons, workloads. */
export function clusterIdentities(stack: JsonStackModel, cluster: TfResource, clusterCount: number): ClusterIdentityInfo[] {
  const a = cluster.address;
  const out: ClusterIdentityInfo[] = [];
  const identity = block(cluster.body.identity);
  const sp = block(cluster.body.service_principal);

  if (identity) {
    const type = String(identity.type ?? "SystemAssigned");
    if (/UserAssigned/i.test(type)) {
      const ids = Array.isArray(identity.identity_ids) ? identity.identity_ids : [];
      const ua = userAssigned(stack, ids[0]);
      out.push({ key: "control-plane", kind: "control-plane", label: "control plane", type: "UserAssigned", createdBy: ua.createdBy, bringYourOwn: true,
        resource: ua.resource, defaultsKey: "control-plane", principalKeys: ua.principalKeys });
    } else {
      out.push({ key: "control-plane", kind: "control-plane", label: "control plane", type: "SystemAssigned", createdBy: "AKS, with the cluster", bringYourOwn: false,
        resource: `${a}.identity[0]`, defaultsKey: "control-plane", principalKeys: [`${a}.identity[0].principal_id`] });
    }
  } else if (sp) {
    out.push({ key: "control-plane", kind: "control-plane", label: "control plane", type: "ServicePrincipal",
      createdBy: `outside this configuration (client id ${describeExpression(sp.client_id)})`, bringYourOwn: true,
      resource: describeExpression(sp.client_id), defaultsKey: "service-principal", principalKeys: [] });
  }

  const kubelet = block(cluster.body.kubelet_identity);
  if (kubelet) {
    const ua = userAssigned(stack, kubelet.user_assigned_identity_id);
    const objectKey = principalKey(kubelet.object_id);
    out.push({ key: "kubelet", kind: "kubelet", label: "kubelet", type: "UserAssigned", createdBy: ua.createdBy, bringYourOwn: true, resource: ua.resource,
      defaultsKey: "kubelet", principalKeys: unique([...(objectKey ? [objectKey] : []), ...ua.principalKeys, `${a}.kubelet_identity[0].object_id`]) });
  } else if (sp && !identity) {
    out.push({ key: "kubelet", kind: "kubelet", label: "kubelet", type: "ServicePrincipal", createdBy: "the control plane's service principal (kubelets authenticate as it)",
      bringYourOwn: true, resource: describeExpression(sp.client_id), defaultsKey: "kubelet", principalKeys: [] });
  } else {
    const clusterName = literal(cluster.body.name);
    const name = clusterName !== undefined ? `${clusterName}-agentpool` : "<cluster>-agentpool";
    out.push({ key: "kubelet", kind: "kubelet", label: "kubelet", type: "UserAssigned", createdBy: `AKS, with the cluster (${name} in the node resource group)`, bringYourOwn: false,
      resource: `${a}.kubelet_identity[0]`, defaultsKey: "kubelet", principalKeys: [`${a}.kubelet_identity[0].object_id`] });
  }

  for (const [addon, attr] of Object.entries(ADDON_IDENTITY_BLOCKS)) {
    if (blocks(cluster.body[addon]).length === 0) continue;
    out.push({ key: `addon:${addon}`, kind: "addon", label: `add-on ${addon}`, type: "UserAssigned", createdBy: "AKS, with the add-on (in the node resource group)", bringYourOwn: false,
      resource: `${a}.${addon}[0].${attr}[0]`, defaultsKey: `addon:${addon}`, principalKeys: [`${a}.${addon}[0].${attr}[0].object_id`] });
  }
  if (cluster.body.http_application_routing_enabled === true) {
    out.push({ key: "addon:http_application_routing", kind: "addon", label: "add-on http_application_routing", type: "UserAssigned",
      createdBy: "AKS, with the add-on (azurerm exports no identity for it)", bringYourOwn: false, defaultsKey: "addon:http_application_routing", principalKeys: [] });
  }

  for (const fic of resourcesOfType(stack, "azurerm_federated_identity_credential")) {
    const issuer = referenceOf(fic.body.issuer);
    const mine = issuer ? issuer.address === a : clusterCount === 1 || refersTo(fic, a);
    if (!mine) continue;
    const ua = userAssigned(stack, fic.body.parent_id ?? fic.body.user_assigned_identity_id);
    const subject = typeof fic.body.subject === "string" ? describeExpression(fic.body.subject) : "(no subject)";
    out.push({ key: `workload:${fic.address}`, kind: "workload", label: `workload ${subject}`, type: "UserAssigned", createdBy: ua.createdBy, bringYourOwn: true,
      resource: ua.resource, defaultsKey: "workload", principalKeys: ua.principalKeys });
  }
  return out;
}

interface UserAssignedRef { createdBy: string; resource: string; principalKeys: string[] }

/** Where a user-assigned identity comes from, given its resource ID expression. */
function userAssigned(stack: JsonStackModel, idExpression: unknown): UserAssignedRef {
  const ref = referenceOf(idExpression);
  if (ref && (ref.attribute === "id" || ref.attribute === "") && stack.byAddress.has(ref.address)) {
    const existing = ref.address.startsWith("data.");
    return {
      createdBy: existing ? `an existing identity, looked up by ${ref.address}` : `this configuration (${ref.address})`,
      resource: ref.address,
      principalKeys: [`${ref.address}.principal_id`],
    };
  }
  if (ref) return { createdBy: `outside this configuration (${describeExpression(idExpression)})`, resource: describeExpression(idExpression), principalKeys: [] };
  const given = typeof idExpression === "string" ? idExpression : "(not set)";
  const lookups = lookupsOf(stack, given);
  if (lookups.length > 0) {
    return { createdBy: `an existing identity by resource ID, looked up by ${lookups.map((l) => l.address).join(", ")}`, resource: given, principalKeys: lookups.map((l) => `${l.address}.principal_id`) };
  }
  return { createdBy: "outside this configuration (an existing identity by resource ID)", resource: given, principalKeys: [] };
}

/**
 * The data.azurerm_user_assigned_identity lookups that find the identity a literal resource ID
 * names: same name and resource group (Azure compares them case-insensitively), in the same
 * subscription when the lookup's provider states one (azurerm 4.55's lookup takes no
 * subscription of its own: it searches the provider's). Grants to a lookup's principal_id then
 * belong to the role the identity plays, not to a loose node.
 */
function lookupsOf(stack: JsonStackModel, id: string): TfResource[] {
  const parsed = parseResourceId(id);
  if (!parsed?.name || !parsed.resourceGroup || parsed.type?.toLowerCase() !== "microsoft.managedidentity/userassignedidentities") return [];
  return stack.resources.filter((r) => {
    if (r.mode !== "data" || r.type !== "azurerm_user_assigned_identity") return false;
    if (literal(r.body.name)?.toLowerCase() !== parsed.name!.toLowerCase()) return false;
    if (literal(r.body.resource_group_name)?.toLowerCase() !== parsed.resourceGroup!.toLowerCase()) return false;
    const subscription = literal(providerOf(stack, r)?.subscription_id);
    return subscription === undefined || subscription.toLowerCase() === parsed.subscriptionId.toLowerCase();
  });
}

/** The provider configuration a resource uses: its `provider` meta-argument (`azurerm.alias`, `${azurerm.alias}`), else the default. */
function providerOf(stack: JsonStackModel, r: TfResource): Record<string, unknown> | undefined {
  const named = typeof r.body.provider === "string" ? r.body.provider.replace(/^\$\{\s*|\s*\}$/g, "") : "azurerm";
  return stack.providers?.get(named);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
