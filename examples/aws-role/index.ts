/** EKS + a role in the account that owns the secrets: ESO assumes it from a base role eskit creates. */
import * as pulumi from "@pulumi/pulumi";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess } from "@eskit/pulumi";

const config = new pulumi.Config();

const operator = new ExternalSecretsOperator("eso");

const shared = new SecretManagerAccess("shared", {
  operator,
  provider: "aws-secrets-manager",
  region: "eu-west-3",
  cluster: { cloud: "aws", oidcProviderArn: config.require("oidcProviderArn"), oidcIssuerUrl: config.require("oidcIssuerUrl") },
  // The role lives in the secrets' account; the external id guards it against confused deputies.
  auth: { type: "role", roleArn: config.require("secretsRoleArn"), externalId: config.require("externalId"), assume: true },
  restrictTo: ["shared/*"],
});

const shop = new Namespace("shop", { metadata: { name: "shop" } });

const api = new ExternalSecretBinding("api", {
  access: shared,
  namespace: "shop",
  env: { SMTP_PASSWORD: { key: "shared/smtp", property: "password" } },
}, { dependsOn: [shop] });

/** Attach both to the role `secretsRoleArn`: its trust policy, and its permissions. */
export const requiredTrustPolicy = shared.requiredTrustPolicy;
export const policy = shared.policy;
export const baseRoleArn = shared.baseRoleArn;
export const secretName = api.secretName;
