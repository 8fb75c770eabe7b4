import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AksCluster, clusterKubernetesProvider, externalPrincipal } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";

/**
 * Microsoft Entra ID integration with Azure RBAC for Kubernetes authorization and no local accounts
 * (aks-docs entra-id-control-plane-authentication.md, entra-id-authorization.md, local-accounts.md):
 *   az aks create ... --enable-aad --aad-tenant-id <tenant> --aad-admin-group-object-ids <admins> \
 *     --enable-azure-rbac --disable-local-accounts
 *   az role assignment create --role "Azure Kubernetes Service RBAC Writer" --assignee <developers> --scope $AKS_ID/namespaces/my-app
 *   az role assignment create --role "Azure Kubernetes Service RBAC Reader" --assignee <sre> --scope $AKS_ID
 *   az role assignment create --role "Azure Kubernetes Service Cluster User Role" --assignee <each of them> --scope $AKS_ID
 * and the kubernetes provider signing in with kubelogin (the client certificate is empty with Entra ID).
 */
export class EntraRbacStack extends ArticleStack {
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "entra-rbac") {
    super(scope, id);
    const input = (name: string, description: string) => new TerraformVariable(this, name, { type: "string", description }).stringValue;
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: this.resourceGroup,
      entraId: {
        tenantId: input("tenant_id", "Microsoft Entra tenant users sign in from (az account show --query tenantId)"),
        adminGroupObjectIds: [input("admin_group_id", "Object ID of the Entra group with cluster-admin access")],
      },
    });
    const developers = externalPrincipal({ principalId: input("developers_group_id", "Object ID of the developers' Entra group"), principalType: "Group", isManagedIdentity: false, description: "developers group" });
    const sre = externalPrincipal({ principalId: input("sre_group_id", "Object ID of the SRE Entra group"), principalType: "Group", isManagedIdentity: false, description: "SRE group" });
    // The group IDs are known only at apply time: a key names each grant's Terraform address.
    this.cluster.grantKubernetesAccess(developers, "writer", { namespace: "my-app", key: "developers" });
    this.cluster.grantKubernetesAccess(sre, "reader", { key: "sre" });
    // Kubernetes objects applied by Terraform would use this provider: it runs kubelogin (azurecli login).
    clusterKubernetesProvider(this.cluster);
  }
}
