/**
 * One model, two renderers: the same access and binding rendered through @eskit/pulumi (under Pulumi mocks)
 * and @eskit/cdk8s (Testing.synth) give the same ClusterSecretStore and ExternalSecret, for each of the six
 * authentication modes. cdk8s takes static credentials only as an existing Secret, so the static rows use
 * Pulumi's `existingSecret` form too; cdk8s is given the identities Pulumi creates (roleArn, GCP service account).
 */
import { recorded, settle } from "../packages/pulumi/test/support/mocks";
import { Testing } from "cdk8s";
import * as eskitCdk8s from "@eskit/cdk8s";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess, type SecretManagerAccessArgs } from "@eskit/pulumi";
import type { AccessMode, EnvMapping } from "@eskit/core";
import { ACCOUNT, BASE_ROLE_ARN, EKS, ESKIT_ROLE_ARN, GCP_PROJECT, GCP_PROJECT_NUMBER, GCP_SA_EMAIL, GKE, REGION, USER_ROLE_ARN } from "../packages/core/test/fixtures";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

interface ParityCase {
  readonly mode: AccessMode;
  /** Props both renderers take. */
  readonly access: Omit<SecretManagerAccessArgs, "operator">;
  /** What cdk8s is given instead of creating it. */
  readonly cdk8sIdentity: { roleArn?: string; gcpServiceAccountEmail?: string };
  readonly env: EnvMapping;
}

const CASES: readonly ParityCase[] = [
  {
    mode: "irsa",
    access: { provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" }, restrictTo: ["staging/*"], allowedNamespaces: ["shop"] },
    cdk8sIdentity: { roleArn: ESKIT_ROLE_ARN },
    env: { DB_PASSWORD: { key: "staging/db", property: "password" }, API_KEY: "staging/api-key" },
  },
  {
    mode: "role-direct",
    access: { provider: "aws-parameter-store", region: REGION, cluster: EKS, auth: { type: "role", roleArn: USER_ROLE_ARN }, restrictTo: ["/app/prod/*"] },
    cdk8sIdentity: {},
    env: { DB_PASSWORD: "/app/prod/db-password", API_KEY: { key: "/app/prod/api-key", version: "3" } },
  },
  {
    mode: "role-assume",
    access: { provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "role", roleArn: USER_ROLE_ARN, externalId: "eskit-ext-42" }, restrictTo: ["shared/*"] },
    cdk8sIdentity: { roleArn: BASE_ROLE_ARN },
    env: { SMTP_PASSWORD: { key: "shared/smtp", property: "password", version: "AWSCURRENT" } },
  },
  {
    mode: "gke-workload-identity",
    access: { provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" }, projectNumber: GCP_PROJECT_NUMBER, restrictTo: ["staging-*"] },
    cdk8sIdentity: { gcpServiceAccountEmail: GCP_SA_EMAIL },
    env: { DB_PASSWORD: { key: "staging-db", property: "password" }, SENTRY_DSN: "staging-sentry" },
  },
  {
    mode: "static-aws",
    access: { provider: "aws-secrets-manager", region: REGION, accountId: ACCOUNT, cluster: GKE, auth: { type: "static", existingSecret: { name: "aws-credentials", namespace: "platform", accessKeyIdKey: "id", secretAccessKeyKey: "key" } }, restrictTo: ["staging/*"] },
    cdk8sIdentity: {},
    env: { DB_PASSWORD: "staging/db" },
  },
  {
    mode: "static-gcp",
    access: { provider: "gcp-secret-manager", project: GCP_PROJECT, projectNumber: GCP_PROJECT_NUMBER, location: "europe-west1", cluster: EKS, auth: { type: "static", existingSecret: { name: "gcp-key" } } },
    cdk8sIdentity: {},
    env: { API_KEY: "api-key" },
  },
];

const operator = new ExternalSecretsOperator("eso");

/** The parts of an object both renderers must agree on. */
const essence = (o: Obj) => ({ kind: o.kind, apiVersion: o.apiVersion, name: o.metadata?.name, namespace: o.metadata?.namespace, labels: o.metadata?.labels, spec: o.spec });

interface Rendered {
  readonly mode: AccessMode;
  readonly store: Obj;
  readonly externalSecret: Obj;
}

async function viaPulumi(c: ParityCase): Promise<Rendered> {
  const access = new SecretManagerAccess(c.mode, { operator, ...c.access });
  new ExternalSecretBinding(`${c.mode}-app`, { access, namespace: "shop", env: c.env, refresh: "1h" });
  await settle();
  const find = (type: string, name: string) => recorded.registrations.find((r) => r.type === type && r.name === name)?.inputs;
  return { mode: access.resolved.mode, store: find("kubernetes:external-secrets.io/v1:ClusterSecretStore", `${c.mode}-store`), externalSecret: find("kubernetes:external-secrets.io/v1:ExternalSecret", `${c.mode}-app`) };
}

function viaCdk8s(c: ParityCase): Rendered {
  const chart = Testing.chart();
  const { auth, ...rest } = c.access as Obj;
  const access = new eskitCdk8s.SecretManagerAccess(chart, c.mode, { ...rest, auth, ...c.cdk8sIdentity });
  new eskitCdk8s.ExternalSecretBinding(chart, `${c.mode}-app`, { access, namespace: "shop", env: c.env, refresh: "1h" });
  const objects: Obj[] = Testing.synth(chart);
  return { mode: access.mode, store: objects.find((o) => o.kind === "ClusterSecretStore"), externalSecret: objects.find((o) => o.kind === "ExternalSecret") };
}

describe.each(CASES)("the $mode access rendered by Pulumi and by cdk8s", (c) => {
  let pulumi: Rendered;
  let cdk8s: Rendered;
  beforeAll(async () => {
    pulumi = await viaPulumi(c);
    cdk8s = viaCdk8s(c);
  });

  it("resolves to that mode in both, and renders both objects", () => {
    expect([pulumi.mode, cdk8s.mode]).toEqual([c.mode, c.mode]);
    for (const o of [pulumi.store, cdk8s.store, pulumi.externalSecret, cdk8s.externalSecret]) expect(Object.keys(o?.spec ?? {}).length).toBeGreaterThan(0);
  });

  it("gives the same ClusterSecretStore (name, labels, spec)", () => {
    expect(essence(pulumi.store)).toEqual(essence(cdk8s.store));
  });

  it("gives the same ExternalSecret (name, namespace, labels, spec)", () => {
    expect(essence(pulumi.externalSecret)).toEqual(essence(cdk8s.externalSecret));
  });
});
