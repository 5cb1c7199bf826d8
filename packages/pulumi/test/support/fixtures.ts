/** Clusters, credentials and access arguments shared by the component tests. */
import type { ExternalSecretsOperator, SecretManagerAccessArgs } from "@eskit/pulumi";

/** An EKS cluster in 123456789012. */
export const EKS = {
  cloud: "aws",
  oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
  oidcIssuerUrl: "https://oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
} as const;

/** A GKE cluster in acme-prod-42. */
export const GKE = { cloud: "gcp", project: "acme-prod-42", location: "europe-west1", name: "prod-cluster" } as const;

/** Credentials a user passes in (each must only ever appear inside a secret). */
export const GIVEN = {
  accessKeyId: "AKIAUSERGIVENKEY0001",
  secretAccessKey: "user/given+secret+access+key",
  privateKey: "USER-GIVEN-PRIVATE-KEY-MATERIAL",
} as const;
/** A user-given key.json. */
export const GIVEN_KEY_JSON = JSON.stringify({ type: "service_account", project_id: "acme-prod-42", private_key: GIVEN.privateKey });

/** Access arguments without the operator. */
export type AccessInput = Omit<SecretManagerAccessArgs, "operator">;

/** Adds the operator to access arguments. */
export function withOperator(operator: ExternalSecretsOperator, input: AccessInput): SecretManagerAccessArgs {
  return { operator, ...input };
}
