/** GKE + AWS Secrets Manager: ESO signs in with an access key you keep in Pulumi secrets. */
import * as pulumi from "@pulumi/pulumi";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess } from "@eskit/pulumi";

const config = new pulumi.Config();
const gcp = new pulumi.Config("gcp");

const operator = new ExternalSecretsOperator("eso");

const aws = new SecretManagerAccess("aws-staging", {
  operator,
  provider: "aws-secrets-manager",
  region: config.require("awsRegion"),
  accountId: config.require("awsAccountId"), // lets eskit print the policy the key's IAM user needs
  cluster: { cloud: "gcp", project: gcp.require("project"), location: config.require("clusterLocation"), name: config.require("clusterName") },
  // Secrets end to end: the key only ever lands, encrypted, in state and in the credentials Secret.
  auth: { type: "static", accessKeyId: config.requireSecret("awsAccessKeyId"), secretAccessKey: config.requireSecret("awsSecretAccessKey") },
  restrictTo: ["staging/*"],
});

const shop = new Namespace("shop", { metadata: { name: "shop" } });

new ExternalSecretBinding("api", {
  access: aws,
  namespace: "shop",
  env: { DB_PASSWORD: { key: "staging/db", property: "password" } },
}, { dependsOn: [shop] });

/** Attach it to the IAM user that owns the access key. */
export const policy = aws.policy;
export const storeName = aws.storeName;
