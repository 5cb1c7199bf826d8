import { EskitError, validateServiceEnv } from "@eskit/core";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess } from "@eskit/cdk8s";
import { Testing, type Chart } from "cdk8s";
import * as kplus from "cdk8s-plus-28";
import { Construct } from "constructs";
import fc from "fast-check";
import { describeWithEso, formatSchemaErrors, validateEsoObject } from "../../../test/support/eso-schemas";
import { EKS, ESKIT_ROLE_ARN, GCP_PROJECT, REGION, errorOf, objectsOfKind, type Manifest } from "./fixtures";

function twoAccesses(chart: Chart, operator?: ExternalSecretsOperator): { aws: SecretManagerAccess; gcp: SecretManagerAccess } {
  const aws = new SecretManagerAccess(chart, "aws-staging", { provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" }, roleArn: ESKIT_ROLE_ARN, restrictTo: ["staging/*"], operator });
  const gcp = new SecretManagerAccess(chart, "gcp-shared", { provider: "gcp-secret-manager", project: GCP_PROJECT, cluster: EKS, auth: { type: "static", existingSecret: "gcp-key" }, operator });
  return { aws, gcp };
}

describe("ExternalSecretBinding", () => {
  it("feeds a cdk8s-plus Deployment from two bindings of two accesses through secretKeyRef", () => {
    const chart = Testing.chart();
    const { aws, gcp } = twoAccesses(chart);
    const db = new ExternalSecretBinding(chart, "api-db", { access: aws, namespace: "shop", env: { DB_PASSWORD: { key: "staging/db", property: "password" }, DB_USER: { key: "staging/db", property: "user" } } });
    const maps = new ExternalSecretBinding(chart, "api-maps", { access: gcp, namespace: "shop", env: { MAPS_KEY: "maps-api-key" } });
    const deployment = new kplus.Deployment(chart, "api", { metadata: { namespace: "shop" }, containers: [{ image: "ghcr.io/acme/api:1.0", portNumber: 8080 }] });
    const container = deployment.containers[0]!;
    db.addTo(container);
    maps.addTo(container);

    const [synthesized] = objectsOfKind(chart, "Deployment");
    const env = synthesized.spec.template.spec.containers[0].env as Manifest[];
    expect(env).toEqual(
      expect.arrayContaining([
        { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "api-db", key: "DB_PASSWORD" } } },
        { name: "DB_USER", valueFrom: { secretKeyRef: { name: "api-db", key: "DB_USER" } } },
        { name: "MAPS_KEY", valueFrom: { secretKeyRef: { name: "api-maps", key: "MAPS_KEY" } } },
      ]),
    );
    expect(env).toHaveLength(3);
    expect(env.map((e) => e.valueFrom.secretKeyRef)).toEqual(expect.arrayContaining([...db.env, ...maps.env].map((e) => e.valueFrom.secretKeyRef)));
    const stores = objectsOfKind(chart, "ExternalSecret").map((es) => [es.metadata.name, es.spec.secretStoreRef.name]);
    expect(stores).toEqual([["api-db", "aws-staging"], ["api-maps", "gcp-shared"]]);
    expect(ExternalSecretBinding.addedTo(container).map((b) => b.name)).toEqual(["api-db", "api-maps"]);
  });

  it("adds the whole target Secret as envFrom on request", () => {
    const chart = Testing.chart();
    const { aws } = twoAccesses(chart);
    const binding = new ExternalSecretBinding(chart, "worker", { access: aws, namespace: "shop", env: { TOKEN: "staging/token" } });
    const deployment = new kplus.Deployment(chart, "worker-deploy", { containers: [{ image: "worker:1" }] });
    binding.addTo(deployment.containers[0]!, { envFrom: true });
    const [synthesized] = objectsOfKind(chart, "Deployment");
    expect(synthesized.spec.template.spec.containers[0].envFrom).toEqual(binding.envFrom);
  });

  it("returns an EnvValue per variable for cdk8s-plus containers built by hand", () => {
    const chart = Testing.chart();
    const { aws } = twoAccesses(chart);
    const binding = new ExternalSecretBinding(chart, "api", { access: aws, namespace: "shop", env: { API_KEY: "staging/api-key" } });
    new kplus.Deployment(chart, "d", { containers: [{ image: "api:1", envVariables: { API_KEY: binding.envValue("API_KEY") } }] });
    const [synthesized] = objectsOfKind(chart, "Deployment");
    expect(synthesized.spec.template.spec.containers[0].env).toEqual([{ name: "API_KEY", valueFrom: { secretKeyRef: { name: "api", key: "API_KEY" } } }]);
  });

  it("rejects envValue for a variable the binding does not define, listing the ones it does", () => {
    const chart = Testing.chart();
    const binding = new ExternalSecretBinding(chart, "api", { access: twoAccesses(chart).aws, namespace: "shop", env: { API_KEY: "staging/api-key" } });
    const error = errorOf(() => binding.envValue("API_TOKEN"));
    expect(error.problems).toEqual([expect.objectContaining({ path: "envVar", value: "API_TOKEN", fix: expect.stringContaining("API_KEY") })]);
  });

  it("rejects a variable set by two bindings on one container with core's message", () => {
    const chart = Testing.chart();
    const { aws, gcp } = twoAccesses(chart);
    const a = new ExternalSecretBinding(chart, "a", { access: aws, namespace: "shop", env: { API_KEY: "staging/api-key" } });
    const b = new ExternalSecretBinding(chart, "b", { access: gcp, namespace: "shop", env: { API_KEY: "api-key", OTHER: "other" } });
    const container = new kplus.Deployment(chart, "d", { containers: [{ image: "api:1" }] }).containers[0]!;
    a.addTo(container);
    const error = errorOf(() => b.addTo(container, { envFrom: true }));
    expect(error.problems).toEqual(validateServiceEnv([a.resolved, b.resolved]));
    expect(error.message).toContain('b.env.API_KEY: is already set by binding "a"');
    expect(ExternalSecretBinding.addedTo(container)).toHaveLength(1);
  });

  it("rejects adding a binding whose variable the container already sets itself", () => {
    const chart = Testing.chart();
    const binding = new ExternalSecretBinding(chart, "api", { access: twoAccesses(chart).aws, namespace: "shop", env: { API_KEY: "staging/api-key" } });
    const container = new kplus.Deployment(chart, "d", { containers: [{ image: "api:1", envVariables: { API_KEY: kplus.EnvValue.fromValue("plain") } }] }).containers[0]!;
    expect(errorOf(() => binding.addTo(container)).message).toContain('api.env.API_KEY: is already set on container');
  });

  it("rejects bindings of one container in different namespaces", () => {
    const chart = Testing.chart();
    const { aws } = twoAccesses(chart);
    const container = new kplus.Deployment(chart, "d", { containers: [{ image: "api:1" }] }).containers[0]!;
    new ExternalSecretBinding(chart, "a", { access: aws, namespace: "shop", env: { A: "staging/a" } }).addTo(container);
    const error = errorOf(() => new ExternalSecretBinding(chart, "b", { access: aws, namespace: "billing", env: { B: "staging/b" } }).addTo(container));
    expect(error.problems[0]).toMatchObject({ path: "b.namespace", value: "billing" });
  });

  it("rejects a secret outside its access's restriction at construction, with core's message", () => {
    const chart = Testing.chart();
    const error = errorOf(() => new ExternalSecretBinding(chart, "api", { access: twoAccesses(chart).aws, namespace: "shop", env: { DB: "prod/db", "1BAD": "staging/x" } }));
    expect(error.problems.map((p) => p.path)).toEqual(["env.DB", "env.1BAD"]);
    expect(error.message).toContain('is outside the restriction of access "aws-staging"');
  });

  it("accepts any set of distinct variables across bindings and rejects any overlap", () => {
    const name = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/);
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 5 }), fc.uniqueArray(name, { minLength: 1, maxLength: 5 }), (left, right) => {
        const chart = Testing.chart();
        const { aws } = twoAccesses(chart);
        const env = (vars: string[]) => Object.fromEntries(vars.map((v) => [v, "staging/x"]));
        const container = new kplus.Deployment(chart, "d", { containers: [{ image: "api:1" }] }).containers[0]!;
        new ExternalSecretBinding(chart, "l", { access: aws, namespace: "shop", env: env(left) }).addTo(container);
        const overlap = right.some((v) => left.includes(v));
        const add = () => new ExternalSecretBinding(chart, "r", { access: aws, namespace: "shop", env: env(right) }).addTo(container);
        if (overlap) expect(add).toThrow(EskitError);
        else expect(add).not.toThrow();
      }),
      { numRuns: 40 },
    );
  });
});

describeWithEso("ExternalSecretBinding conformance", () => {
  it.each(["deploy", "1h"])("renders an ExternalSecret the v1 CRD accepts (refresh %s)", (refresh) => {
    const chart = Testing.chart();
    const { aws, gcp } = twoAccesses(chart);
    new ExternalSecretBinding(chart, "api", { access: aws, namespace: "shop", refresh, env: { DB_PASSWORD: { key: "staging/db", property: "password", version: "AWSCURRENT" } } });
    new ExternalSecretBinding(chart, "maps", { access: gcp, namespace: "shop", refresh, secretName: "maps-env", env: { MAPS_KEY: { key: "maps-api-key", version: "3" } } });
    const externalSecrets = objectsOfKind(chart, "ExternalSecret");
    expect(externalSecrets).toHaveLength(2);
    for (const es of externalSecrets) expect(formatSchemaErrors(validateEsoObject(es))).toBe("");
  });

  it("orders accesses and bindings after an Argo CD operator with sync waves, still valid for the CRDs", () => {
    const chart = Testing.chart();
    const operator = new ExternalSecretsOperator(chart, "eso", { gitops: "argocd" });
    const { aws } = twoAccesses(chart, operator);
    new ExternalSecretBinding(chart, "api", { access: aws, namespace: "shop", env: { TOKEN: "staging/token" } });
    const objects = Testing.synth(chart);
    const wave = (kind: string) => Number(objects.find((o: Manifest) => o.kind === kind).metadata.annotations["argocd.argoproj.io/sync-wave"]);
    expect(wave("Application")).toBeLessThan(wave("ClusterSecretStore"));
    expect(wave("ClusterSecretStore")).toBeLessThan(wave("ExternalSecret"));
    for (const kind of ["ClusterSecretStore", "ExternalSecret"]) {
      const object = objects.find((o: Manifest) => o.kind === kind);
      expect(object.metadata.annotations["argocd.argoproj.io/sync-options"]).toBe("SkipDryRunOnMissingResource=true");
      expect(formatSchemaErrors(validateEsoObject(object))).toBe("");
    }
    expect(objects.map((o: Manifest) => o.kind).indexOf("Application")).toBeLessThan(objects.map((o: Manifest) => o.kind).indexOf("ClusterSecretStore"));
  });

});

describe("ExternalSecretBinding ordering", () => {
  it("emits the operator before accesses that take it, whatever the construct order, without Argo CD annotations for Flux", () => {
    const chart = Testing.chart();
    const early = new Construct(chart, "early");
    const operator = new ExternalSecretsOperator(new Construct(chart, "late"), "eso");
    const access = new SecretManagerAccess(early, "params", { provider: "aws-parameter-store", region: REGION, cluster: EKS, auth: { type: "automatic" }, roleArn: ESKIT_ROLE_ARN, operator });
    new ExternalSecretBinding(early, "api", { access, namespace: "shop", env: { TOKEN: "/app/token" } });
    const objects = Testing.synth(chart);
    const kinds = objects.map((o: Manifest) => o.kind);
    expect(kinds.indexOf("HelmRelease")).toBeLessThan(kinds.indexOf("ServiceAccount"));
    expect(kinds.indexOf("ClusterSecretStore")).toBeLessThan(kinds.indexOf("ExternalSecret"));
    for (const kind of ["ClusterSecretStore", "ExternalSecret"]) expect(objects.find((o: Manifest) => o.kind === kind).metadata.annotations).toBeUndefined();
  });
});
