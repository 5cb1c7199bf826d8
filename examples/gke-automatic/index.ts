/** GKE + GCP Secret Manager: eskit creates a GCP service account bound through Workload Identity. */
import * as pulumi from "@pulumi/pulumi";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess } from "@eskit/pulumi";

const config = new pulumi.Config();
const gcp = new pulumi.Config("gcp");

const operator = new ExternalSecretsOperator("eso");

const staging = new SecretManagerAccess("staging", {
  operator,
  provider: "gcp-secret-manager", // project: the cluster's
  cluster: { cloud: "gcp", project: gcp.require("project"), location: config.require("clusterLocation"), name: config.require("clusterName") },
  auth: { type: "automatic" },
  // Becomes the IAM condition resource.name.startsWith("projects/<number>/secrets/staging-").
  restrictTo: ["staging-*"],
});

const shop = new Namespace("shop", { metadata: { name: "shop" } });

const api = new ExternalSecretBinding("api", {
  access: staging,
  namespace: "shop",
  env: { DB_PASSWORD: { key: "staging-db", property: "password" }, SENTRY_DSN: "staging-sentry-dsn" },
}, { dependsOn: [shop] });

export const gcpServiceAccount = staging.gcpServiceAccountEmail;
export const grants = staging.policy;
export const secretName = api.secretName;
