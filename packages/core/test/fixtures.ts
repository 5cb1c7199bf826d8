/** Shared inputs of the core tests: one valid access spec per authentication mode, and its clusters. */
import type { AccessMode, AccessSpec, AwsClusterSpec, GcpClusterSpec } from "@eskit/core";

export const ACCOUNT = "123456789012";
export const OTHER_ACCOUNT = "210987654321";
export const REGION = "eu-west-3";
export const ISSUER_HOST = "oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
export const OIDC_PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER_HOST}`;
export const OIDC_ISSUER_URL = `https://${ISSUER_HOST}`;
export const USER_ROLE_ARN = `arn:aws:iam::${OTHER_ACCOUNT}:role/app-secrets`;
export const BASE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/eskit-base`;
export const ESKIT_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/eskit-staging`;
export const KMS_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const GCP_PROJECT = "acme-prod-42";
export const GCP_PROJECT_NUMBER = "123456789012";
export const GCP_SA_EMAIL = `eskit-staging@${GCP_PROJECT}.iam.gserviceaccount.com`;

/** An EKS cluster with its OIDC provider. */
export const EKS: AwsClusterSpec = { cloud: "aws", oidcProviderArn: OIDC_PROVIDER_ARN, oidcIssuerUrl: OIDC_ISSUER_URL };
/** A GKE cluster with Workload Identity. */
export const GKE: GcpClusterSpec = { cloud: "gcp", project: GCP_PROJECT, location: "europe-west1", name: "prod-cluster" };

/** Fake credential values: they must never show up in any message or object. */
export const FAKE_ACCESS_KEY_ID = "AKIAFAKEFAKEFAKE1234";
export const FAKE_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEYVALUE";
export const FAKE_KEY_JSON = JSON.stringify({ type: "service_account", project_id: GCP_PROJECT, private_key: "-----BEGIN PRIVATE KEY-----FAKEPRIVATEKEYMATERIAL" });

/** One named, valid access spec, with the mode it must resolve to. */
export interface AccessCase {
  readonly title: string;
  readonly mode: AccessMode;
  readonly spec: AccessSpec;
}

/** Every provider x authentication combination eskit supports (each AccessMode, with its variants). */
export const ACCESS_CASES: readonly AccessCase[] = [
  { title: "irsa, Secrets Manager", mode: "irsa", spec: { name: "staging", provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" }, restrictTo: ["staging/*"] } },
  { title: "irsa, Parameter Store", mode: "irsa", spec: { name: "params", provider: "aws-parameter-store", region: REGION, cluster: EKS, auth: { type: "automatic" }, restrictTo: ["/app/prod/*"] } },
  { title: "role-direct, Secrets Manager", mode: "role-direct", spec: { name: "direct", provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "role", roleArn: USER_ROLE_ARN } } },
  { title: "role-assume without externalId", mode: "role-assume", spec: { name: "assumed", provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "role", roleArn: USER_ROLE_ARN, assume: true } } },
  { title: "role-assume with externalId, Parameter Store", mode: "role-assume", spec: { name: "assumed-ext", provider: "aws-parameter-store", region: REGION, cluster: EKS, auth: { type: "role", roleArn: USER_ROLE_ARN, externalId: "eskit-ext-42" } } },
  { title: "gke-workload-identity, global secrets", mode: "gke-workload-identity", spec: { name: "gke", provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" }, projectNumber: GCP_PROJECT_NUMBER, restrictTo: ["staging-*"] } },
  { title: "gke-workload-identity, regional secrets", mode: "gke-workload-identity", spec: { name: "gke-regional", provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" }, location: "europe-west1" } },
  { title: "static-aws, managed Secret", mode: "static-aws", spec: { name: "from-gke", provider: "aws-secrets-manager", region: REGION, accountId: ACCOUNT, cluster: GKE, auth: { type: "static", accessKeyId: FAKE_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY } } },
  { title: "static-aws, created credentials", mode: "static-aws", spec: { name: "from-gke-created", provider: "aws-parameter-store", region: REGION, accountId: ACCOUNT, cluster: GKE, auth: { type: "static", create: true } } },
  { title: "static-aws, existingSecret", mode: "static-aws", spec: { name: "from-gke-existing", provider: "aws-secrets-manager", region: REGION, cluster: GKE, auth: { type: "static", existingSecret: { name: "aws-credentials", namespace: "platform", accessKeyIdKey: "id", secretAccessKeyKey: "key" } } } },
  { title: "static-gcp, key.json", mode: "static-gcp", spec: { name: "from-eks", provider: "gcp-secret-manager", project: GCP_PROJECT, cluster: EKS, auth: { type: "static", credentialsJson: FAKE_KEY_JSON } } },
  { title: "static-gcp, existingSecret, regional", mode: "static-gcp", spec: { name: "from-eks-existing", provider: "gcp-secret-manager", project: GCP_PROJECT, location: "us-central1", cluster: EKS, auth: { type: "static", existingSecret: { name: "gcp-key" } } } },
];

/** The AccessIdentity each mode needs at render time. */
export function identityFor(mode: AccessMode): { roleArn?: string; gcpServiceAccountEmail?: string } {
  if (mode === "irsa") return { roleArn: ESKIT_ROLE_ARN };
  if (mode === "role-assume") return { roleArn: BASE_ROLE_ARN };
  if (mode === "gke-workload-identity") return { gcpServiceAccountEmail: GCP_SA_EMAIL };
  return {};
}

let seed = 0x2f6b1d;
/** A pseudo-random 6-character Secrets Manager ARN suffix (seeded, so a failure reproduces). */
export function randomSuffix(): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  for (let i = 0; i < 6; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += chars[seed % chars.length];
  }
  return out;
}
