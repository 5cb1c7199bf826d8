/** Inputs of the cdk8s tests: one valid props object per provider x authentication cdk8s supports. */
import { EskitError, type AccessMode } from "@eskit/core";
import { Testing, type Chart } from "cdk8s";
import type { SecretManagerAccessProps } from "@eskit/cdk8s";
import { ACCOUNT, BASE_ROLE_ARN, EKS, ESKIT_ROLE_ARN, GCP_PROJECT, GCP_PROJECT_NUMBER, GCP_SA_EMAIL, GKE, REGION, USER_ROLE_ARN } from "../../core/test/fixtures";

export * from "../../core/test/fixtures";

/** One named, valid props object and the mode it must resolve to. */
export interface Cdk8sAccessCase {
  readonly title: string;
  readonly mode: AccessMode;
  readonly props: SecretManagerAccessProps;
}

/** Every provider x authentication combination, in the form cdk8s accepts (identities given, static via existingSecret). */
export const CDK8S_ACCESS_CASES: readonly Cdk8sAccessCase[] = [
  { title: "automatic on EKS, Secrets Manager", mode: "irsa", props: { provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" }, roleArn: ESKIT_ROLE_ARN, restrictTo: ["staging/*"] } },
  { title: "automatic on EKS, Parameter Store", mode: "irsa", props: { provider: "aws-parameter-store", region: REGION, cluster: EKS, auth: { type: "automatic" }, roleArn: ESKIT_ROLE_ARN, restrictTo: ["/app/prod/*"] } },
  { title: "role direct, Secrets Manager", mode: "role-direct", props: { provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "role", roleArn: USER_ROLE_ARN } } },
  { title: "role direct, Parameter Store", mode: "role-direct", props: { provider: "aws-parameter-store", region: REGION, cluster: EKS, auth: { type: "role", roleArn: USER_ROLE_ARN } } },
  { title: "role assume, Secrets Manager", mode: "role-assume", props: { provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "role", roleArn: USER_ROLE_ARN, assume: true }, roleArn: BASE_ROLE_ARN } },
  { title: "role assume with externalId, Parameter Store", mode: "role-assume", props: { provider: "aws-parameter-store", region: REGION, cluster: EKS, auth: { type: "role", roleArn: USER_ROLE_ARN, externalId: "eskit-ext-42" }, roleArn: BASE_ROLE_ARN } },
  { title: "automatic on GKE, global secrets", mode: "gke-workload-identity", props: { provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" }, projectNumber: GCP_PROJECT_NUMBER, restrictTo: ["staging-*"], gcpServiceAccountEmail: GCP_SA_EMAIL } },
  { title: "automatic on GKE, regional secrets", mode: "gke-workload-identity", props: { provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" }, location: "europe-west1", gcpServiceAccountEmail: GCP_SA_EMAIL, allowedNamespaces: ["shop"] } },
  { title: "static from GKE, Secrets Manager", mode: "static-aws", props: { provider: "aws-secrets-manager", region: REGION, accountId: ACCOUNT, cluster: GKE, auth: { type: "static", existingSecret: "aws-credentials" } } },
  { title: "static from GKE, Parameter Store, full reference", mode: "static-aws", props: { provider: "aws-parameter-store", region: REGION, cluster: GKE, auth: { type: "static", existingSecret: { name: "aws-credentials", namespace: "platform", accessKeyIdKey: "id", secretAccessKeyKey: "key" } } } },
  { title: "static from EKS, GCP Secret Manager", mode: "static-gcp", props: { provider: "gcp-secret-manager", project: GCP_PROJECT, projectNumber: GCP_PROJECT_NUMBER, cluster: EKS, auth: { type: "static", existingSecret: "gcp-key" } } },
];

/** A synthesized manifest, read freely by assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = any;

/** Synthesized objects of `chart` with the given kind. */
export function objectsOfKind(chart: Chart, kind: string): Manifest[] {
  return Testing.synth(chart).filter((o: Manifest) => o.kind === kind);
}

/** The EskitError `fn` throws (fails the test when it throws nothing or something else). */
export function errorOf(fn: () => unknown): EskitError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EskitError) return e;
    throw e;
  }
  throw new Error("expected an EskitError");
}
