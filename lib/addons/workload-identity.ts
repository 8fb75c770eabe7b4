import { catalogRow } from "../catalog/row";
import { AddonDefinition } from "./addon";

/** The OIDC issuer and workload identity (`--enable-oidc-issuer --enable-workload-identity`); `WorkloadIdentity` turns them on too. */
export const WORKLOAD_IDENTITY = {
  key: "workloadIdentity",
  takes: "switch",
  idPrefix: "WorkloadIdentity",
  catalog: catalogRow({
    key: "workloadIdentity",
    kind: "workload",
    name: "workload identity",
    identity: "your user-assigned identity, federated with one service account",
    useCase: "Pods authenticate to Microsoft Entra ID as a user-assigned identity through a federated credential",
    defaultPermissions: "NA",
    aksDefaults: [],
    bringYourOwn: "Always yours",
    inArticle: false,
    order: 16,
    status: "supported",
    enableWith: "`new WorkloadIdentity(scope, id, { cluster, namespace, serviceAccount })` (turns on the OIDC issuer)",
    exportedIdentity: "the identity's `client_id` and `principal_id`",
    grants: [],
    note: "The library grants nothing by itself: call `workloadIdentity.grant(...)` with the narrowest role and scope the application needs.",
  }),
  config: (_ctx, on) => (on ? { oidcIssuerEnabled: true, workloadIdentityEnabled: true } : {}),
  afterCluster: (host, on) => {
    if (on) host.enableWorkloadIdentity();
  },
} satisfies AddonDefinition<"workloadIdentity", boolean>;
