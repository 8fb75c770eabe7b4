import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { AksIdentityError } from "../errors";
import { ClusterIdentity } from "../identities/cluster-identity";
import { IUserAssignedManagedIdentity } from "../identities/user-assigned-managed-identity";
import { EXAMPLE_IDS, validateGuid, validateResourceId } from "../private/resource-id";
import { StackRegistry } from "../private/stack-registry";
import { isLiteral, NAME_RULES } from "../private/validate";

/** The clusters of each stack by Azure identity (resource group + name, case-insensitive as ARM is). */
const CLUSTERS_BY_AZURE_NAME = new StackRegistry<IConstruct & { readonly name: string }>();

/** Claims the cluster's Azure name in its resource group; an error when another cluster in the stack has it. */
export function claimAzureName(cluster: IConstruct & { readonly name: string }, resourceGroup: ResourceGroupRef | undefined): void {
  const key = `${resourceGroupKey(resourceGroup, cluster.name)}/${isLiteral(cluster.name) ? cluster.name.toLowerCase() : cluster.name}`;
  const named = CLUSTERS_BY_AZURE_NAME.of(cluster);
  const twin = named.get(key);
  if (twin) {
    throw new AksIdentityError({
      path: cluster.node.path,
      prop: "name",
      received: cluster.name,
      problem: `The AksCluster ${twin.node.path} is already named ${JSON.stringify(twin.name)} in the same resource group; Azure names are case-insensitive, so the second create would fail (and with default resource groups, so would the second ${JSON.stringify(`${cluster.name}-rg`)}).`,
      fix: "give each cluster its own name (or its own resource group).",
    });
  }
  named.set(key, cluster);
}

/** The cluster's resource group as AksClusterProps takes it. */
export type ResourceGroupRef = ResourceGroup | { readonly name: string; readonly location: string };

export function validateIdentity(path: string, identity: ClusterIdentity, kubelet?: IUserAssignedManagedIdentity): void {
  if (!(identity instanceof ClusterIdentity)) {
    // Only the value's kind is echoed: a hand-built object may carry a client secret.
    throw new AksIdentityError({
      path,
      prop: "identity",
      received: `a value of type ${identity === null ? "null" : typeof identity}, not a ClusterIdentity`,
      problem: "Expected a ClusterIdentity.",
      fix: "use ClusterIdentity.systemAssigned(), ClusterIdentity.userAssigned(identity) or ClusterIdentity.servicePrincipal({...}).",
    });
  }
  if (identity.type === "UserAssigned") {
    const uai = identity.userAssignedIdentity;
    if (!uai || typeof uai.id !== "string") {
      throw new AksIdentityError({
        path,
        prop: "identity",
        received: uai,
        problem: "ClusterIdentity.userAssigned needs a user-assigned identity.",
        fix: "pass new UserAssignedManagedIdentity(...) or UserAssignedManagedIdentity.fromResourceId(...).",
      });
    }
    validateResourceId(path, "identity (user-assigned identity id)", uai.id, "Microsoft.ManagedIdentity/userAssignedIdentities", EXAMPLE_IDS.identity);
  }
  if (identity.type === "ServicePrincipal") {
    const sp = identity.servicePrincipal!;
    if (typeof sp.clientId !== "string" || (isLiteral(sp.clientId) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sp.clientId))) {
      throw new AksIdentityError({
        path,
        prop: "identity.servicePrincipal.clientId",
        received: sp.clientId,
        problem: "Expected the application (client) ID, a GUID.",
        fix: "pass the appId that `az ad sp create-for-rbac` printed, or a reference to it.",
      });
    }
    if (sp.objectId !== undefined) {
      validateGuid(path, "identity.servicePrincipal.objectId", sp.objectId, "service principal's object (principal) ID",
        "pass the id that `az ad sp show --id <appId> --query id` prints (not the appId), or a reference to it.");
    }
    if (typeof sp.clientSecret !== "string" || !Token.isUnresolved(sp.clientSecret)) {
      throw new AksIdentityError({
        path,
        prop: "identity.servicePrincipal.clientSecret",
        received: sp.clientSecret === undefined ? undefined : "<a literal string, not shown>",
        problem: "The secret must be a token so it never lands in plaintext in cdk.tf.json.",
        fix: "pass a sensitive TerraformVariable (new TerraformVariable(this, \"sp_secret\", { type: \"string\", sensitive: true }).stringValue) or a Key Vault secret lookup's value.",
      });
    }
  }
  if (kubelet !== undefined) {
    if (identity.type !== "UserAssigned") {
      throw new AksIdentityError({
        path,
        prop: "kubeletIdentity",
        received: `a kubelet identity with a ${identity.type} control plane`,
        problem: "A bring-your-own kubelet identity needs a user-assigned control-plane identity (AKS rejects it otherwise).",
        fix: "set identity: ClusterIdentity.userAssigned(controlPlaneIdentity), or drop kubeletIdentity and let AKS create one.",
      });
    }
    if (typeof kubelet.id !== "string" || typeof kubelet.clientId !== "string" || typeof kubelet.principalId !== "string") {
      throw new AksIdentityError({
        path,
        prop: "kubeletIdentity",
        received: kubelet,
        problem: "The kubelet identity needs its id, clientId and principalId (all three kubelet_identity fields).",
        fix: "pass a UserAssignedManagedIdentity, or UserAssignedManagedIdentity.fromAttributes({ id, clientId, principalId }).",
      });
    }
    validateResourceId(path, "kubeletIdentity.id", kubelet.id, "Microsoft.ManagedIdentity/userAssignedIdentities", EXAMPLE_IDS.identity);
    if (isLiteral(kubelet.id) && isLiteral(identity.userAssignedIdentity!.id) && kubelet.id.toLowerCase() === identity.userAssignedIdentity!.id.toLowerCase()) {
      throw new AksIdentityError({
        path,
        prop: "kubeletIdentity",
        received: kubelet.id,
        problem: "The kubelet identity must differ from the control-plane identity.",
        fix: "create a second identity for the kubelet.",
      });
    }
  }
}

export function expectArray(path: string, prop: string, value: unknown, example: string): void {
  if (value !== undefined && !Array.isArray(value)) {
    throw new AksIdentityError({ path, prop, received: value, problem: "Expected an array.", fix: `wrap it in brackets, e.g. ${example}.` });
  }
}

/** Identifies the cluster's resource group for name clashes: its literal name (case-insensitive), else the construct or token. */
function resourceGroupKey(rg: ResourceGroupRef | undefined, clusterName: string): string {
  if (rg === undefined) return `${clusterName}-rg`.toLowerCase();
  const name = rg instanceof ResourceGroup ? rg.nameInput : rg.name;
  if (isLiteral(name)) return name.toLowerCase();
  return rg instanceof ResourceGroup ? `construct:${rg.node.path}` : String(name);
}

/**
 * A cluster name is allowed underscores, a leading digit and 63 characters; a DNS prefix is
 * not. Names that are already valid prefixes are kept as they are (dns_prefix forces replacement).
 */
export function defaultDnsPrefix(name: string): string {
  if (!isLiteral(name) || (NAME_RULES.dnsPrefix.pattern.test(name) && name.length <= NAME_RULES.dnsPrefix.max)) return name;
  const cleaned = name.replace(/[^A-Za-z0-9-]/g, "-");
  return (/^[A-Za-z]/.test(cleaned) ? cleaned : `a${cleaned}`).slice(0, NAME_RULES.dnsPrefix.max).replace(/-+$/, "");
}
