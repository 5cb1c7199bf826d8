/** The plain, readonly data that describes an access and a binding: what every renderer starts from. */
import type { ProviderId } from "./providers";

/** An EKS cluster, identified by its IAM OIDC provider (for IRSA). */
export interface AwsClusterSpec {
  readonly cloud: "aws";
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer URL (`https://oidc.eks.REGION.amazonaws.com/id/ID`). */
  readonly oidcIssuerUrl: string;
}

/** A GKE cluster with Workload Identity enabled. */
export interface GcpClusterSpec {
  readonly cloud: "gcp";
  /** Project id the cluster runs in (its workload identity pool is `PROJECT.svc.id.goog`). */
  readonly project: string;
  /** Region or zone of the cluster. */
  readonly location: string;
  /** Cluster name. */
  readonly name: string;
}

/** The Kubernetes cluster ESO runs in. */
export type ClusterSpec = AwsClusterSpec | GcpClusterSpec;

/** eskit creates the cloud identity: an IRSA role on EKS, a GCP service account on GKE. */
export interface AutomaticAuthSpec {
  readonly type: "automatic";
}

/** A role the user owns (EKS + AWS provider only); eskit creates no IAM for it in direct mode. */
export interface RoleAuthSpec {
  readonly type: "role";
  /** ARN of the user's role. */
  readonly roleArn: string;
  /** `sts:ExternalId` required when assuming the role (assume mode only). */
  readonly externalId?: string;
  /**
   * `false`: the role trusts the cluster's OIDC provider and the service account is annotated with it.
   * `true`: the role is assumed from the access's base identity (store `role`, cross-account).
   * @default false, or true when `externalId` is set
   */
  readonly assume?: boolean;
}

/** Where static credentials already live: a Kubernetes Secret (cdk8s, or a Secret managed elsewhere). */
export interface ExistingSecretRef {
  /** Name of the Secret. */
  readonly name: string;
  /** Namespace of the Secret. @default the operator namespace */
  readonly namespace?: string;
  /** Key holding the AWS access key id. @default "access-key-id" */
  readonly accessKeyIdKey?: string;
  /** Key holding the AWS secret access key. @default "secret-access-key" */
  readonly secretAccessKeyKey?: string;
  /** Key holding the GCP service-account key.json. @default "credentials.json" */
  readonly credentialsKey?: string;
}

/**
 * Static credentials for cross-cloud access (GKE -> AWS, EKS -> GCP). Core never reads the values:
 * it only checks which ones are present.
 */
export interface StaticAuthSpec {
  readonly type: "static";
  /** AWS access key id (a secret input in the renderer). */
  readonly accessKeyId?: unknown;
  /** AWS secret access key (a secret input in the renderer). */
  readonly secretAccessKey?: unknown;
  /** GCP service-account key.json (a secret input in the renderer). */
  readonly credentialsJson?: unknown;
  /** eskit provisions the credentials (IAM user + key, or GCP custom role + service account + key). @default false */
  readonly create?: boolean;
  /** Use credentials already stored in a Kubernetes Secret. */
  readonly existingSecret?: ExistingSecretRef;
}

/** How ESO authenticates to the provider. */
export type AuthSpec = AutomaticAuthSpec | RoleAuthSpec | StaticAuthSpec;

/** Authentication type names. */
export type AuthType = AuthSpec["type"];

/** A Secret Manager Access: one provider, one cluster identity, one ClusterSecretStore. */
export interface AccessSpec {
  /** Access name; the ClusterSecretStore is named after it. */
  readonly name: string;
  /** Where the secrets live. */
  readonly provider: ProviderId;
  /** AWS region of the secrets (AWS providers). */
  readonly region?: string;
  /** AWS account that owns the secrets. @default the role's account (role auth), else the caller's account */
  readonly accountId?: string;
  /** GCP project id of the secrets (GCP provider). @default the cluster's project on GKE */
  readonly project?: string;
  /** GCP project number of `project` (used in IAM conditions). */
  readonly projectNumber?: string;
  /** GCP region for regional secrets. @default global secrets */
  readonly location?: string;
  /** The cluster ESO runs in. */
  readonly cluster: ClusterSpec;
  /** How ESO authenticates. */
  readonly auth: AuthSpec;
  /** Name patterns the access may read (`staging*`, `staging/*`, `/app/prod/*`, exact names). @default every secret of the account/region or project */
  readonly restrictTo?: readonly string[];
  /** Customer-managed KMS keys that encrypt the secrets (AWS). @default none */
  readonly kmsKeyArns?: readonly string[];
  /** Extra IAM actions added to the read statement. @default none */
  readonly additionalActions?: readonly string[];
  /** Namespace of the operator, its service accounts and credential Secrets. @default "external-secrets" */
  readonly namespace?: string;
  /** Kubernetes service account of this access. @default "eskit-<name>" (hashed when too long) */
  readonly serviceAccountName?: string;
  /** Namespaces allowed to use the ClusterSecretStore (its `spec.conditions`). @default every namespace */
  readonly allowedNamespaces?: readonly string[];
}

/** Where one environment variable's value comes from. */
export interface SecretSource {
  /** Secret name in the provider (Secrets Manager name or ARN, parameter name, GCP secret id). */
  readonly key: string;
  /** One key of a JSON secret. @default the whole value */
  readonly property?: string;
  /** A pinned version (Secrets Manager version id/stage, parameter version, GCP version number). @default latest */
  readonly version?: string;
}

/** Env var name -> secret name, or a full source. */
export type EnvMapping = Readonly<Record<string, string | SecretSource>>;

/** One service's external secrets: one ExternalSecret, one target Secret. */
export interface BindingSpec {
  /** Binding name; the ExternalSecret and target Secret derive from it. */
  readonly name: string;
  /** Namespace of the service. */
  readonly namespace: string;
  /** Env var name -> secret. */
  readonly env: EnvMapping;
  /** `"deploy"`: fetched when (re)deployed; or an interval such as `"1h"`. @default "deploy" */
  readonly refresh?: string;
  /** Name of the target Kubernetes Secret. @default derived from the binding name */
  readonly secretName?: string;
}
