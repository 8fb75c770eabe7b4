import type { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { IConstruct } from "constructs";
import { IPrincipal } from "../grants/principal";
import { ClusterIdentity } from "../identities/cluster-identity";
import type { ClusterGrants } from "./cluster-grants";

/** What the security features need of their cluster once its resource exists. */
export interface SecurityHost extends IConstruct {
  readonly resource: KubernetesCluster;
  readonly identity: ClusterIdentity;
  readonly controlPlanePrincipal: IPrincipal;
  readonly grants: ClusterGrants;
}
