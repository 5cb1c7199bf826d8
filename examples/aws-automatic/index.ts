/** EKS + AWS Secrets Manager: eskit creates the IRSA role, ESO reads `staging/*`, a Deployment gets the env. */
import * as pulumi from "@pulumi/pulumi";
import { Deployment } from "@pulumi/kubernetes/apps/v1/deployment";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess, mergeEnv } from "@eskit/pulumi";

const config = new pulumi.Config();

const operator = new ExternalSecretsOperator("eso");

const staging = new SecretManagerAccess("staging", {
  operator,
  provider: "aws-secrets-manager", // region: the AWS provider's (aws:region)
  cluster: { cloud: "aws", oidcProviderArn: config.require("oidcProviderArn"), oidcIssuerUrl: config.require("oidcIssuerUrl") },
  auth: { type: "automatic" },
  restrictTo: ["staging/*"],
});

const shop = new Namespace("shop", { metadata: { name: "shop" } });

const db = new ExternalSecretBinding("api-db", {
  access: staging,
  namespace: "shop",
  env: { DB_USER: { key: "staging/db", property: "username" }, DB_PASSWORD: { key: "staging/db", property: "password" } },
}, { dependsOn: [shop] });

const stripe = new ExternalSecretBinding("api-stripe", {
  access: staging,
  namespace: "shop",
  env: { STRIPE_API_KEY: "staging/stripe-api-key" },
  refresh: "1h",
}, { dependsOn: [shop] });

const labels = { app: "api" };
new Deployment("api", {
  metadata: { name: "api", namespace: "shop" },
  spec: {
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: { containers: [{ name: "api", image: "ghcr.io/acme/api:1.0", env: mergeEnv(db, stripe).env }] },
    },
  },
}, { dependsOn: [db, stripe] });

export const roleArn = staging.roleArn;
export const policy = staging.policy;
export const storeName = staging.storeName;
