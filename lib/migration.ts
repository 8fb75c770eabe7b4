import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { AksCluster } from "./cluster/aks-cluster";
import { IAksCluster } from "./cluster/cluster-interface";
import { AksIdentityError } from "./errors";
import { namedOutput, outputPrefix } from "./private/outputs";
import { TerraformData } from "./private/terraform-data";

/** The article's preview feature flags for the service principal → managed identity update. */
export const MIGRATION_FEATURES = Object.freeze({
  SystemAssigned: "MigrateToMSIClusterPreview",
  UserAssigned: "UserAssignedIdentityPreview",
});

export interface ManagedIdentityMigrationProps {
  /**
   * The cluster, now with a managed identity, under the same construct id it had with its
   * service principal. It must be the `AksCluster` that defines the cluster in this app: the
   * migration orders its steps around that cluster's identity change.
   */
  readonly cluster: IAksCluster;
  /**
   * Runs the article's `az feature register` for the flag the migration uses. Both flags
   * are generally available now, so this is only for subscriptions that still gate them.
   * @default false
   */
  readonly registerFeatures?: boolean;
  /**
   * Runs `az aks nodepool upgrade --node-image-only` for every node pool once the identity
   * update is applied, so kubelets stop using the service principal. Needs `az` logged in
   * where Terraform runs.
   * @default false - the commands are only written as an output
   */
  readonly upgradeNodeImages?: boolean;
}

/**
 * What the article lists around `az aks update --enable-managed-identity`: the feature
 * registration and the node-image upgrade. The identity change itself is the cluster's
 * `identity` prop; keeping the cluster's construct id makes it an in-place update.
 */
export class ManagedIdentityMigration extends Construct {
  /** `az aks nodepool upgrade ... --node-image-only`, one per node pool. */
  public readonly nodeImageUpgradeCommands: Record<string, string>;
  public readonly featureRegistration?: TerraformData;
  public readonly nodeImageUpgrade?: TerraformData;

  constructor(scope: Construct, id: string, props: ManagedIdentityMigrationProps) {
    super(scope, id);
    const cluster = props.cluster;
    if (!(cluster instanceof AksCluster)) {
      throw new AksIdentityError({
        path: this.node.path,
        prop: "cluster",
        received: cluster,
        problem: "Expected the AksCluster being migrated: the identity change is made where the cluster is defined, and the feature registration and node-image upgrade are ordered around it.",
        fix: "create the ManagedIdentityMigration next to the cluster's AksCluster, in the same stack.",
      });
    }
    if (cluster.identity.type === "ServicePrincipal") {
      throw new AksIdentityError({
        path: this.node.path,
        prop: "cluster.identity",
        received: "ServicePrincipal",
        problem: "The migration's target is a managed identity; this cluster still uses its service principal.",
        fix: "set the cluster's identity to ClusterIdentity.systemAssigned() or ClusterIdentity.userAssigned(identity), keeping its construct id.",
      });
    }
    cluster.grants.holdKubeletGrants(this.node.path);

    if (props.registerFeatures) {
      const feature = MIGRATION_FEATURES[cluster.identity.type];
      // Not azurerm_resource_provider_registration: the provider registers
      // Microsoft.ContainerService itself at start-up, so managing it there clashes, and
      // destroying that resource would unregister the provider for the whole subscription.
      // Nor azurerm 4.67+'s azurerm_resource_provider_feature_registration (either flavour): its
      // create fails on a feature that is already Registered where `az feature register` is a
      // no-op, its destroy unregisters the feature for the whole subscription, and it never runs
      // the `az provider register` refresh AKS's docs require after a feature registers (v4.73.0
      // internal/services/resource/resource_provider_feature_registration_resource.go; aks-docs
      // articles/aks/api-server-service-tags.md).
      this.featureRegistration = new TerraformData(this, "FeatureRegistration", {
        input: { namespace: "Microsoft.ContainerService", feature },
        provisioners: [{
          type: "local-exec",
          command: `az feature register --namespace Microsoft.ContainerService --name ${feature} && az provider register --namespace Microsoft.ContainerService`,
        }],
      });
      cluster.dependOn(this.featureRegistration);
      Annotations.of(this).addInfo(`[${this.node.path}] ${feature} is generally available; registering it is harmless but usually unnecessary.`);
    }

    // Resource group names may hold parentheses, which a shell would take as syntax; they can't hold quotes.
    this.nodeImageUpgradeCommands = Object.fromEntries(cluster.nodePoolNames.map((pool) => [pool,
      `az aks nodepool upgrade --resource-group '${cluster.resourceGroupName}' --cluster-name ${cluster.name} --name ${pool} --node-image-only --yes`]));
    namedOutput(this, "NodeImageUpgradeCommands", `${outputPrefix(cluster.node.id)}_node_image_upgrade_commands`, this.nodeImageUpgradeCommands,
      "Run each once the identity update is applied: kubelets keep the service principal until their node image is upgraded.");

    if (props.upgradeNodeImages) {
      this.nodeImageUpgrade = new TerraformData(this, "NodeImageUpgrade", {
        // Re-runs only when the control-plane identity changes again.
        triggersReplace: { identity_type: cluster.identity.type, identity_ids: cluster.identity.userAssignedIdentity?.id ?? "" },
        // Every pool must exist before its image is upgraded.
        dependsOn: [cluster.resource, ...cluster.nodePools],
        provisioners: Object.values(this.nodeImageUpgradeCommands).map((command) => ({ type: "local-exec" as const, command })),
      });
    }
  }
}
