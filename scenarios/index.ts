import { App, TerraformStack } from "cdktf";
import { AddonIdentitiesStack } from "./addon-identities";
import { ByoControlPlaneIdentityStack } from "./byo-control-plane-identity";
import { ByoControlPlaneIdentityUdrStack } from "./byo-control-plane-identity-udr";
import { ByoKubeletIdentityStack } from "./byo-kubelet-identity";
import { EntraRbacStack } from "./entra-rbac";
import { KmsEtcdEncryptionStack } from "./kms-etcd-encryption";
import { MigrateToSystemAssignedStack } from "./migrate-to-system-assigned";
import { MigrateToUserAssignedStack } from "./migrate-to-user-assigned";
import { NatGatewayEgressStack } from "./nat-gateway-egress";
import { NodePoolSubnetsStack } from "./node-pool-subnets";
import { PodIdentityExceptionStack } from "./pod-identity-exception";
import { PrivateClusterStack } from "./private-cluster";
import { ProductionStack } from "./production";
import { ServicePrincipalStack } from "./service-principal";
import { SystemAssignedStack } from "./system-assigned";
import { SystemAssignedOwnNetworkStack } from "./system-assigned-own-network";
import { WorkloadIdentityStack } from "./workload-identity";

/** Every scenario of the article, by stack name. */
export const SCENARIOS: Record<string, new (app: App) => TerraformStack> = {
  "system-assigned": SystemAssignedStack,
  "service-principal": ServicePrincipalStack,
  "migrate-to-system-assigned": MigrateToSystemAssignedStack,
  "migrate-to-user-assigned": MigrateToUserAssignedStack,
  "system-assigned-own-network": SystemAssignedOwnNetworkStack,
  "byo-control-plane-identity": ByoControlPlaneIdentityStack,
  "byo-control-plane-identity-udr": ByoControlPlaneIdentityUdrStack,
  "byo-kubelet-identity": ByoKubeletIdentityStack,
  "addon-identities": AddonIdentitiesStack,
  "pod-identity-exception": PodIdentityExceptionStack,
  "workload-identity": WorkloadIdentityStack,
  // The production network around the article (issue 13).
  "private-cluster": PrivateClusterStack,
  "node-pool-subnets": NodePoolSubnetsStack,
  "nat-gateway-egress": NatGatewayEgressStack,
  "entra-rbac": EntraRbacStack,
  "kms-etcd-encryption": KmsEtcdEncryptionStack,
  "production": ProductionStack,
};

/** Builds the example app: one stack per scenario. */
export function buildExampleApp(app: App): void {
  for (const Scenario of Object.values(SCENARIOS)) new Scenario(app);
}
