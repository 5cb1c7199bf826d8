/** Kubernetes objects of an access: its ServiceAccount, its ClusterSecretStore, its credentials Secret. */
import type { ResolvedAccess } from "../access";
import { ESO_API_VERSION } from "./chart";
import { eskitLabels, type KubeObject } from "./kube";

/** Annotation that binds a Kubernetes service account to an IAM role (IRSA). */
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";
/** Annotation that binds a Kubernetes service account to a GCP service account (GKE Workload Identity). */
export const GKE_ANNOTATION = "iam.gke.io/gcp-service-account";

/** Cloud identities known at render time. */
export interface AccessIdentity {
  /** IAM role ESO's service account assumes through IRSA: eskit's role, the user's role (direct), or the base role (assume). */
  readonly roleArn?: string;
  /** GCP service account ESO impersonates (GKE Workload Identity). */
  readonly gcpServiceAccountEmail?: string;
}

function accessLabels(access: ResolvedAccess): Record<string, string> {
  return eskitLabels({ "eskit.dev/access": access.storeName });
}

/** The access's ServiceAccount, annotated for IRSA or GKE Workload Identity as its mode requires. */
export function buildServiceAccount(access: ResolvedAccess, identity: AccessIdentity = {}): KubeObject {
  const annotations: Record<string, string> = {};
  if (access.mode === "irsa" || access.mode === "role-direct" || access.mode === "role-assume") {
    const roleArn = access.mode === "role-direct" && access.spec.auth.type === "role" ? access.spec.auth.roleArn : identity.roleArn;
    if (!roleArn) throw new Error(`buildServiceAccount: the IAM role ARN of access "${access.spec.name}" is required in ${access.mode} mode`);
    annotations[IRSA_ANNOTATION] = roleArn;
  } else if (access.mode === "gke-workload-identity") {
    if (!identity.gcpServiceAccountEmail) throw new Error(`buildServiceAccount: the GCP service account of access "${access.spec.name}" is required`);
    annotations[GKE_ANNOTATION] = identity.gcpServiceAccountEmail;
  }
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: {
      name: access.serviceAccountName,
      namespace: access.namespace,
      labels: accessLabels(access),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
  };
}

function providerSpec(access: ResolvedAccess): Record<string, unknown> {
  const { spec, mode } = access;
  const saRef = { serviceAccountRef: { name: access.serviceAccountName, namespace: access.namespace } };
  const cred = access.credentialsSecret;
  if (access.provider.cloud === "aws") {
    const auth = mode === "static-aws" && cred
      ? {
          secretRef: {
            accessKeyIDSecretRef: { name: cred.name, namespace: cred.namespace, key: cred.accessKeyIdKey },
            secretAccessKeySecretRef: { name: cred.name, namespace: cred.namespace, key: cred.secretAccessKeyKey },
          },
        }
      : { jwt: saRef };
    const assume = mode === "role-assume" && spec.auth.type === "role" ? spec.auth : undefined;
    return {
      aws: {
        service: access.provider.awsService,
        region: spec.region,
        ...(assume ? { role: assume.roleArn } : {}),
        ...(assume?.externalId ? { externalID: assume.externalId } : {}),
        auth,
      },
    };
  }
  const cluster = spec.cluster;
  const auth = mode === "static-gcp" && cred
    ? { secretRef: { secretAccessKeySecretRef: { name: cred.name, namespace: cred.namespace, key: cred.credentialsKey } } }
    : cluster.cloud === "gcp"
      ? { workloadIdentity: { clusterLocation: cluster.location, clusterName: cluster.name, clusterProjectID: cluster.project, ...saRef } }
      : {};
  return { gcpsm: { projectID: access.project, ...(spec.location ? { location: spec.location } : {}), auth } };
}

/** The access's ClusterSecretStore (`external-secrets.io/v1`), named after the access. */
export function buildClusterSecretStore(access: ResolvedAccess): KubeObject {
  if (access.provider.cloud === "aws" && !access.spec.region) throw new Error(`buildClusterSecretStore: region of access "${access.spec.name}" is not known yet`);
  if (access.provider.cloud === "gcp" && !access.project) throw new Error(`buildClusterSecretStore: project of access "${access.spec.name}" is not known yet`);
  const namespaces = access.spec.allowedNamespaces;
  return {
    apiVersion: ESO_API_VERSION,
    kind: "ClusterSecretStore",
    metadata: { name: access.storeName, labels: accessLabels(access) },
    spec: {
      provider: providerSpec(access),
      ...(namespaces && namespaces.length ? { conditions: [{ namespaces: [...namespaces] }] } : {}),
    },
  };
}

/**
 * The static-credentials Secret: metadata and the keys the renderer fills with secret values. Never
 * carries a value itself. Undefined unless the access uses an eskit-managed credentials Secret.
 */
export function buildCredentialsSecretShape(access: ResolvedAccess): { readonly metadata: KubeObject["metadata"]; readonly keys: readonly string[] } | undefined {
  const cred = access.credentialsSecret;
  if (!cred || !cred.managed) return undefined;
  const keys = access.mode === "static-aws" ? [cred.accessKeyIdKey, cred.secretAccessKeyKey] : [cred.credentialsKey];
  return { metadata: { name: cred.name, namespace: cred.namespace, labels: accessLabels(access) }, keys };
}

/** A complete credentials Secret from values the renderer supplies (keys as in `buildCredentialsSecretShape`). */
export function buildCredentialsSecret(access: ResolvedAccess, stringData: Readonly<Record<string, string>>): KubeObject {
  const shape = buildCredentialsSecretShape(access);
  if (!shape) throw new Error(`buildCredentialsSecret: access "${access.spec.name}" has no eskit-managed credentials Secret`);
  return { apiVersion: "v1", kind: "Secret", type: "Opaque", metadata: shape.metadata, stringData: { ...stringData } };
}
