/** EKS + Parameter Store: SecureString parameters under /app/prod, encrypted with your KMS key. */
import * as pulumi from "@pulumi/pulumi";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess } from "@eskit/pulumi";

const config = new pulumi.Config();

const operator = new ExternalSecretsOperator("eso");

const prod = new SecretManagerAccess("prod-params", {
  operator,
  provider: "aws-parameter-store",
  cluster: { cloud: "aws", oidcProviderArn: config.require("oidcProviderArn"), oidcIssuerUrl: config.require("oidcIssuerUrl") },
  auth: { type: "automatic" },
  restrictTo: ["/app/prod/*"],
  kmsKeyArns: [config.require("kmsKeyArn")], // kms:Decrypt, only through SSM
});

const billing = new Namespace("billing", { metadata: { name: "billing" } });

const worker = new ExternalSecretBinding("billing-worker", {
  access: prod,
  namespace: "billing",
  env: { DATABASE_URL: "/app/prod/billing/database-url", QUEUE_TOKEN: { key: "/app/prod/billing/queue-token", version: "3" } },
}, { dependsOn: [billing] });

export const roleArn = prod.roleArn;
export const policy = prod.policy;
export const env = worker.env;
