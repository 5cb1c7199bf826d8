/** A validated access with every derived name and its authentication mode: what renderers consume. */
import { throwIfProblems } from "./errors";
import { kubeName, DEFAULT_NAMESPACE } from "./names";
import { PROVIDERS, type ProviderInfo } from "./providers";
import type { AccessSpec, ExistingSecretRef } from "./spec";
import { validateAccess, type ValidateAccessOptions } from "./validation/access";
import { arnAccount } from "./validation/syntax";

/**
 * The six ways an access authenticates, one per row of the design's authentication table
 * (role split into its two modes):
 * - `irsa`: EKS + AWS, eskit's IAM role trusted through the cluster's OIDC provider;
 * - `role-direct`: EKS + AWS, the user's role trusts the OIDC provider itself;
 * - `role-assume`: EKS + AWS, an IRSA base role assumes the user's role (store `role`, `externalID`);
 * - `gke-workload-identity`: GKE + GCP, a GCP service account bound to the Kubernetes one;
 * - `static-aws`: GKE + AWS, an access key in a Kubernetes Secret;
 * - `static-gcp`: EKS + GCP, a service-account key.json in a Kubernetes Secret.
 */
export type AccessMode = "irsa" | "role-direct" | "role-assume" | "gke-workload-identity" | "static-aws" | "static-gcp";

/** Where a static-credentials Secret lives and which keys hold what. */
export interface CredentialsSecretRef {
  /** Secret name. */
  readonly name: string;
  /** Secret namespace. */
  readonly namespace: string;
  /** True when eskit (the renderer) creates the Secret; false for an existing one. */
  readonly managed: boolean;
  /** Key of the AWS access key id (static-aws). */
  readonly accessKeyIdKey: string;
  /** Key of the AWS secret access key (static-aws). */
  readonly secretAccessKeyKey: string;
  /** Key of the GCP key.json (static-gcp). */
  readonly credentialsKey: string;
}

/** A validated access: the spec plus everything derived from it. */
export interface ResolvedAccess {
  /** The spec as given. */
  readonly spec: AccessSpec;
  /** Facts about the provider. */
  readonly provider: ProviderInfo;
  /** The authentication mode. */
  readonly mode: AccessMode;
  /** ClusterSecretStore name. */
  readonly storeName: string;
  /** Namespace of the service account and credentials Secret. */
  readonly namespace: string;
  /** Kubernetes service account of the access. */
  readonly serviceAccountName: string;
  /** True when eskit provisions static credentials (`auth.create`). */
  readonly createsCredentials: boolean;
  /** The credentials Secret (static modes only). */
  readonly credentialsSecret?: CredentialsSecretRef;
  /** AWS account of the secrets when known without a lookup (given, or the role's account). */
  readonly accountId?: string;
  /** GCP project of the secrets when known (given, or the GKE cluster's project). */
  readonly project?: string;
}

/** Default keys of a static-credentials Secret. */
export const CREDENTIAL_KEYS = { accessKeyId: "access-key-id", secretAccessKey: "secret-access-key", credentials: "credentials.json" } as const;

/** The authentication mode of a (valid) access spec. */
export function accessMode(spec: AccessSpec): AccessMode {
  const auth = spec.auth;
  if (auth.type === "role") return auth.assume === true || (auth.assume === undefined && auth.externalId !== undefined) ? "role-assume" : "role-direct";
  if (auth.type === "static") return PROVIDERS[spec.provider].cloud === "aws" ? "static-aws" : "static-gcp";
  return PROVIDERS[spec.provider].cloud === "aws" ? "irsa" : "gke-workload-identity";
}

/** Validates an access (throwing one `EskitError` that lists every problem) and derives its names and mode. */
export function resolveAccess(spec: AccessSpec, options: ValidateAccessOptions = {}): ResolvedAccess {
  throwIfProblems(`Invalid Secret Manager Access "${String(spec?.name)}"`, validateAccess(spec, options));
  const mode = accessMode(spec);
  const namespace = spec.namespace ?? DEFAULT_NAMESPACE;
  const auth = spec.auth;
  let credentialsSecret: CredentialsSecretRef | undefined;
  if (auth.type === "static") {
    const ref: ExistingSecretRef | undefined = auth.existingSecret;
    credentialsSecret = {
      name: ref?.name ?? kubeName(["eskit", spec.name, "credentials"], 253),
      namespace: ref?.namespace ?? namespace,
      managed: ref === undefined,
      accessKeyIdKey: ref?.accessKeyIdKey ?? CREDENTIAL_KEYS.accessKeyId,
      secretAccessKeyKey: ref?.secretAccessKeyKey ?? CREDENTIAL_KEYS.secretAccessKey,
      credentialsKey: ref?.credentialsKey ?? CREDENTIAL_KEYS.credentials,
    };
  }
  const accountId = spec.accountId ?? (auth.type === "role" && typeof auth.roleArn === "string" ? arnAccount(auth.roleArn) : undefined);
  const project = spec.project ?? (spec.cluster.cloud === "gcp" && PROVIDERS[spec.provider].cloud === "gcp" ? spec.cluster.project : undefined);
  return {
    spec,
    provider: PROVIDERS[spec.provider],
    mode,
    storeName: kubeName([spec.name]),
    namespace,
    serviceAccountName: spec.serviceAccountName ?? kubeName(["eskit", spec.name]),
    createsCredentials: auth.type === "static" && auth.create === true,
    credentialsSecret,
    accountId,
    project,
  };
}
