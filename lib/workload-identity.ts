import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { federatedCredentialParent } from "#flavour";
import { Construct } from "constructs";
import { IAksCluster } from "./cluster/cluster-interface";
import { AksIdentityError } from "./errors";
import { grantOnce } from "./grants/grant-once";
import { IGrantable, IPrincipal, principal } from "./grants/principal";
import { RoleGrant } from "./grants/role-grant";
import { GrantScope } from "./grant-scope";
import { UserAssignedManagedIdentity, userAssignedIdentityNamed } from "./identities/user-assigned-managed-identity";
import { namedOutput, OutputNames } from "./private/outputs";
import { StackRegistry } from "./private/stack-registry";
import { isLiteral } from "./private/validate";
import { BuiltInRole } from "./roles";

// Per-stack lookups (a walk of the tree per identity made synth quadratic).
const SUBJECTS = new StackRegistry<WorkloadIdentity>();
const OUTPUTS = new OutputNames("WorkloadIdentity");

/** The audience Entra ID expects in a workload's projected service account token. */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";
/** The service account annotation the workload identity webhook reads. */
export const CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";
/** The pod label that makes the webhook inject the token (pods need it too). */
export const USE_LABEL = "azure.workload.identity/use";

export interface WorkloadIdentityProps {
  /**
   * The cluster whose OIDC issuer the credential trusts: an `AksCluster` (workload identity is
   * turned on for it) or one defined elsewhere (`AksCluster.fromClusterAttributes`).
   */
  readonly cluster: IAksCluster;
  /** The service account's namespace. */
  readonly namespace: string;
  /** The service account's name. */
  readonly serviceAccount: string;
  /** @default `<cluster>-<namespace>-<serviceAccount>`, shortened to 128 characters */
  readonly identityName?: string;
  /** Where the identity lives. @default the cluster's resource group */
  readonly resourceGroupName?: string;
  /** @default the cluster's location */
  readonly location?: string;
  /** @default - none */
  readonly tags?: Record<string, string>;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Microsoft Entra Workload ID for one Kubernetes service account: a user-assigned
 * identity and a federated credential that trusts the cluster's OIDC issuer for
 * `system:serviceaccount:<namespace>:<serviceAccount>`. It is a principal: grant it
 * roles with {@link WorkloadIdentity.grant}. Annotate the service account with
 * {@link WorkloadIdentity.serviceAccountAnnotations} and label the pods
 * `azure.workload.identity/use: "true"`.
 *
 * Modelled on aws-cdk's eks ServiceAccount (IRSA): an identity that is a principal by
 * delegating to what it owns.
 */
export class WorkloadIdentity extends Construct implements IGrantable {
  public readonly identity: UserAssignedManagedIdentity;
  public readonly federatedCredential: FederatedIdentityCredential;
  public readonly namespace: string;
  public readonly serviceAccount: string;
  /** The identity's client ID: the value of the service account annotation. */
  public readonly clientId: string;
  /** `system:serviceaccount:<namespace>:<serviceAccount>`. */
  public readonly subject: string;
  /** `azure.workload.identity/client-id: <client id>`: set it on the service account. */
  public readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  public readonly grantPrincipal: IPrincipal;
  public readonly grants: RoleGrant[] = [];
  /** The cluster whose OIDC issuer the credential trusts. */
  public readonly cluster: IAksCluster;

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    const path = this.node.path;
    const cluster = props.cluster;
    if (!isCluster(cluster)) {
      throw new AksIdentityError({
        path,
        prop: "cluster",
        received: cluster,
        problem: "Expected an AksCluster, or a cluster from AksCluster.fromClusterAttributes.",
        fix: "pass the cluster whose pods use this identity.",
      });
    }
    validateK8sName(path, "namespace", props.namespace, DNS_LABEL, 63, "a DNS label: lowercase letters, digits and hyphens, starting and ending with a letter or digit");
    validateK8sName(path, "serviceAccount", props.serviceAccount, DNS_SUBDOMAIN, 253, "a DNS subdomain: lowercase letters, digits, hyphens and dots");
    this.namespace = props.namespace;
    this.serviceAccount = props.serviceAccount;
    this.subject = `system:serviceaccount:${props.namespace}:${props.serviceAccount}`;

    this.cluster = cluster;
    // A service account carries one client-id annotation: a second identity for it would never be used.
    const subjectKey = `${cluster.node.path}\0${this.subject}`;
    const twin = SUBJECTS.of(this).get(subjectKey);
    if (twin) {
      throw new AksIdentityError({
        path,
        prop: "serviceAccount",
        received: this.subject,
        problem: `The WorkloadIdentity ${twin.node.path} is already federated with this service account on this cluster; the service account's ${CLIENT_ID_ANNOTATION} annotation names one identity, so the second would never be used.`,
        fix: "grant the roles to the existing WorkloadIdentity, or use another service account.",
      });
    }

    SUBJECTS.of(this).set(subjectKey, this);
    const issuer = cluster.enableWorkloadIdentity();
    const resourceGroupName = props.resourceGroupName ?? cluster.resourceGroupName;
    const identityName = props.identityName ?? defaultIdentityName(cluster.name, props.namespace, props.serviceAccount);
    // Distinct service accounts can give the same default name ("a-b"/"c" and "a"/"b.c"); Azure would refuse the second.
    const sameName = userAssignedIdentityNamed(this, resourceGroupName, identityName);
    if (sameName) {
      throw new AksIdentityError({
        path,
        prop: "identityName",
        received: identityName,
        problem: `The identity ${sameName.node.path} already has this name in resource group ${JSON.stringify(resourceGroupName)}; Azure identity names must be unique in a resource group (case-insensitive), so the second create would fail.`,
        fix: "pass a distinct identityName.",
      });
    }
    this.identity = new UserAssignedManagedIdentity(this, "Identity", {
      name: identityName,
      resourceGroupName,
      location: props.location ?? cluster.location,
      tags: props.tags,
    });
    this.federatedCredential = new FederatedIdentityCredential(this, "FederatedCredential", {
      name: `${props.namespace}-${props.serviceAccount}`.replace(/\./g, "-").slice(0, 120),
      ...federatedCredentialParent(this.identity.id, resourceGroupName),
      issuer,
      subject: this.subject,
      audience: [WORKLOAD_IDENTITY_AUDIENCE],
    });
    this.clientId = this.identity.clientId;
    this.serviceAccountAnnotations = Object.freeze({ [CLIENT_ID_ANNOTATION]: this.clientId });
    this.grantPrincipal = principal({
      principalId: this.identity.principalId,
      principalType: "ServicePrincipal",
      isManagedIdentity: true,
      identityKind: "workload",
      createdByAks: false,
      description: `workload identity of ${this.subject} on ${cluster.name}`,
    });

    const prefix = OUTPUTS.claim(this, id);
    namedOutput(this, "ClientId", `${prefix}_client_id`, this.clientId, `client ID of the workload identity for ${this.subject}`);
    namedOutput(this, "ServiceAccountAnnotation", `${prefix}_service_account_annotation`, this.serviceAccountAnnotations,
      `set on service account ${props.namespace}/${props.serviceAccount}; label its pods ${USE_LABEL}: "true"`);
  }

  /** Grants the workload a role on a scope, like any principal. */
  public grant(id: string, role: BuiltInRole, scope: GrantScope, reason: string): RoleGrant {
    const g = grantOnce(this, id, { principal: this.grantPrincipal, role, scope, reason: `${reason}. Principal: ${this.grantPrincipal.description}.` }, reason);
    if (!this.grants.includes(g)) this.grants.push(g);
    return g;
  }

  /** The ServiceAccount manifest to apply (kubectl or the kubernetes provider). */
  public serviceAccountManifest(): Record<string, unknown> {
    return {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: this.serviceAccount, namespace: this.namespace, annotations: { ...this.serviceAccountAnnotations } },
    };
  }
}

function validateK8sName(path: string, prop: string, value: unknown, pattern: RegExp, max: number, describe: string): void {
  if (typeof value !== "string" || (isLiteral(value) && (value.length > max || !pattern.test(value)))) {
    throw new AksIdentityError({
      path,
      prop,
      received: value,
      problem: `Expected ${describe}, at most ${max} characters.`,
      fix: `use the ${prop} exactly as in Kubernetes, e.g. "my-app".`,
    });
  }
}

/** Compares Azure names: a literal case-insensitively, a reference only with itself. */
function defaultIdentityName(cluster: string, namespace: string, serviceAccount: string): string {
  // A token's text has dots too: only literal names are rewritten.
  const stem = isLiteral(cluster) ? `${cluster}-${namespace}-${serviceAccount}` : `${namespace}-${serviceAccount}`;
  return stem.replace(/\./g, "-").slice(0, 128).replace(/-+$/, "");
}

function isCluster(x: unknown): x is IAksCluster {
  return typeof x === "object" && x !== null && typeof (x as IAksCluster).enableWorkloadIdentity === "function" &&
    typeof (x as IAksCluster).name === "string" && "node" in x;
}
