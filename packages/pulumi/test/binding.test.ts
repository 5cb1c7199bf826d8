import { recorded, resetRecorded, settle, valueOf } from "./support/mocks";
import { EKS, withOperator } from "./support/fixtures";
import { describeWithEso, formatSchemaErrors, validateEsoObject, validateHelmValues } from "../../../test/support/eso-schemas";
import * as pulumi from "@pulumi/pulumi";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess, mergeEnv } from "@eskit/pulumi";
import { EskitError, resolveBinding } from "@eskit/core";

let operator: ExternalSecretsOperator;
let access: SecretManagerAccess;
beforeAll(async () => {
  operator = new ExternalSecretsOperator("eso", { values: { replicaCount: 2 } });
  access = new SecretManagerAccess("staging", withOperator(operator, { provider: "aws-secrets-manager", region: "eu-west-3", accountId: "123456789012", cluster: EKS, auth: { type: "automatic" }, restrictTo: ["staging/*"] }));
  await settle();
});

describe("ExternalSecretsOperator", () => {
  const release = () => recorded.registrations.find((r) => r.type === "kubernetes:helm.sh/v3:Release")!;

  it("installs the pinned chart with CRDs into its namespace, after creating the namespace", async () => {
    const ns = recorded.registrations.find((r) => r.type === "kubernetes:core/v1:Namespace")!;
    expect(ns.inputs.metadata).toMatchObject({ name: "external-secrets" });
    expect(release().inputs).toMatchObject({ chart: "external-secrets", version: "2.9.0", repositoryOpts: { repo: "https://charts.external-secrets.io" }, namespace: "external-secrets", name: "external-secrets" });
    expect(release().dependencies).toContain(ns.urn);
    const component = recorded.registrations.find((r) => r.type === "eskit:index:ExternalSecretsOperator")!;
    expect([ns.parent, release().parent]).toEqual([component.urn, component.urn]);
    expect(await valueOf(operator.namespace)).toBe("external-secrets");
    expect(await valueOf(operator.releaseName)).toBe("external-secrets");
    expect(await valueOf(operator.status)).toBe("deployed");
  });

  it("merges the user's values over eskit's defaults", () => {
    expect(release().inputs.values).toEqual({ installCRDs: true, replicaCount: 2 });
  });

  describeWithEso("against the chart's values schema", () => {
    it("passes Helm values the chart accepts", () => {
      expect(formatSchemaErrors(validateHelmValues(release().inputs.values))).toBe("");
    });
  });

  it.each([
    { case: "a namespace that is not a DNS label", args: { namespace: "External_Secrets" }, field: "namespace" },
    { case: "a chart version that is not semver", args: { chartVersion: "latest" }, field: "chartVersion" },
    { case: "values that are not an object", args: { values: [1] as never }, field: "values" },
  ])("rejects $case naming the field, before registering anything", async ({ args, field }) => {
    resetRecorded();
    expect(() => new ExternalSecretsOperator("bad-op", args)).toThrow(pulumi.ResourceError);
    expect(() => new ExternalSecretsOperator("bad-op", args)).toThrow(new RegExp(`^Invalid External Secrets Operator "bad-op": 1 problem\\n  - ${field}: `));
    await settle();
    expect(recorded.registrations).toEqual([]);
  });
});

describe("ExternalSecretBinding", () => {
  let binding: ExternalSecretBinding;
  beforeAll(async () => {
    resetRecorded();
    binding = new ExternalSecretBinding("api", { access, namespace: "api", env: { DB_PASSWORD: { key: "staging/db", property: "password" }, API_KEY: "staging/api-key" }, refresh: "1h" });
    await settle();
  });

  it("registers exactly one child, the ExternalSecret, parented to the binding and created after the access's store", async () => {
    const component = recorded.registrations.find((r) => r.type === "eskit:index:ExternalSecretBinding")!;
    expect(recorded.registrations.map((r) => r.type)).toEqual(["eskit:index:ExternalSecretBinding", "kubernetes:external-secrets.io/v1:ExternalSecret"]);
    const es = recorded.registrations[1];
    expect(es.parent).toBe(component.urn);
    expect(es.dependencies).toEqual([await valueOf(access.store.urn)]);
  });

  it("renders core's ExternalSecret for the access's store", () => {
    const es = recorded.registrations[1];
    expect(es.inputs.spec).toEqual({
      refreshPolicy: "Periodic",
      refreshInterval: "1h",
      secretStoreRef: { kind: "ClusterSecretStore", name: "staging" },
      target: { name: "api", creationPolicy: "Owner", deletionPolicy: "Retain" },
      data: [
        { secretKey: "API_KEY", remoteRef: { key: "staging/api-key" } },
        { secretKey: "DB_PASSWORD", remoteRef: { key: "staging/db", property: "password" } },
      ],
    });
    expect(es.inputs.metadata).toMatchObject({ name: "api", namespace: "api" });
  });

  describeWithEso("against the ESO CRDs", () => {
    it("renders an ExternalSecret the API server accepts", () => {
      expect(formatSchemaErrors(validateEsoObject(recorded.registrations[1].inputs))).toBe("");
    });
  });

  it("hands the container env from the target Secret and envFrom the whole Secret, as plain properties (only secretName is a registered output)", () => {
    expect(binding.secretName).toBe("api");
    expect(binding.env).toEqual([
      { name: "API_KEY", valueFrom: { secretKeyRef: { name: "api", key: "API_KEY" } } },
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "api", key: "DB_PASSWORD" } } },
    ]);
    expect(binding.envFrom).toEqual([{ secretRef: { name: "api" } }]);
    const component = recorded.registrations.find((r) => r.type === "eskit:index:ExternalSecretBinding")!;
    expect(recorded.outputs.get(component.urn)).toEqual({ secretName: "api" });
  });

  it.each<{ case: string; env: Record<string, string>; field: string }>([
    { case: "a secret outside the access's restriction", env: { DB: "prod/db" }, field: "env.DB" },
    { case: "an invalid env var name", env: { "1BAD": "staging/x" }, field: "env.1BAD" },
    { case: "an empty env", env: {}, field: "env" },
  ])("rejects $case with core's message naming the field, before registering anything", async ({ env, field }) => {
    resetRecorded();
    let caught: unknown;
    try {
      new ExternalSecretBinding("bad", { access, namespace: "api", env });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(pulumi.ResourceError);
    let expected = "";
    try {
      resolveBinding({ name: "bad", namespace: "api", env }, access.resolved);
    } catch (error) {
      expected = (error as EskitError).message;
    }
    expect((caught as Error).message).toBe(expected);
    expect(expected).toContain(`  - ${field}`);
    await settle();
    expect(recorded.registrations).toEqual([]);
  });

  it("merges the env of a service's bindings and rejects a variable set by two of them", async () => {
    const db = new ExternalSecretBinding("web-db", { access, namespace: "web", env: { DB_PASSWORD: "staging/db" } });
    const api = new ExternalSecretBinding("web-api", { access, namespace: "web", env: { API_KEY: "staging/api-key" } });
    const clash = new ExternalSecretBinding("web-clash", { access, namespace: "web", env: { API_KEY: "staging/other" } });
    await settle();
    expect(mergeEnv(db, api).env.map((e) => e.name)).toEqual(["DB_PASSWORD", "API_KEY"]);
    expect(mergeEnv(db, api).envFrom).toEqual([{ secretRef: { name: "web-db" } }, { secretRef: { name: "web-api" } }]);
    expect(() => mergeEnv(db, api, clash)).toThrow(EskitError);
    expect(() => mergeEnv(db, api, clash)).toThrow(/web-clash\.env\.API_KEY: is already set by binding "web-api"/);
  });
});
