/**
 * EKS + GCP Secret Manager: eskit creates a custom role with only the permissions ESO needs, a service
 * account and its key, and stores the key.json in a Kubernetes Secret for ESO. Nothing to click in a console.
 */
import * as pulumi from "@pulumi/pulumi";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess } from "@eskit/pulumi";

const config = new pulumi.Config();
const gcp = new pulumi.Config("gcp");

const operator = new ExternalSecretsOperator("eso");

const shared = new SecretManagerAccess("gcp-shared", {
  operator,
  provider: "gcp-secret-manager",
  project: gcp.require("project"),
  cluster: { cloud: "aws", oidcProviderArn: config.require("oidcProviderArn"), oidcIssuerUrl: config.require("oidcIssuerUrl") },
  auth: { type: "static", create: true },
  restrictTo: ["shop-*"],
});

const shop = new Namespace("shop", { metadata: { name: "shop" } });

new ExternalSecretBinding("api", {
  access: shared,
  namespace: "shop",
  env: { PAYMENT_API_KEY: "shop-payment-api-key" },
}, { dependsOn: [shop] });

export const gcpServiceAccount = shared.gcpServiceAccountEmail;
export const grants = shared.policy;
export const rotation = shared.rotation;
