/**
 * Every object core emits is accepted by the upstream ESO CRD schemas (v1) and by Kubernetes' name rules;
 * Helm values are accepted by the chart's values.schema.json.
 */
import {
  buildClusterSecretStore,
  buildCredentialsSecret,
  buildCredentialsSecretShape,
  buildExternalSecret,
  buildOperatorRelease,
  buildServiceAccount,
  resolveAccess,
  resolveBinding,
  type AccessSpec,
  type BindingSpec,
  type KubeObject,
} from "@eskit/core";
import { describeWithEso, formatSchemaErrors, validateEsoObject, validateHelmValues } from "../../../test/support/eso-schemas";
import { ACCESS_CASES, EKS, GKE, identityFor, REGION } from "./fixtures";

function expectValid(obj: unknown): void {
  const errors = validateEsoObject(obj);
  if (errors.length > 0) throw new Error(`${JSON.stringify(obj, null, 2)}\nis rejected:\n${formatSchemaErrors(errors)}`);
}

/** Every object of one access: ServiceAccount, ClusterSecretStore and (managed static) credentials Secret. */
function accessObjects(spec: AccessSpec): KubeObject[] {
  const access = resolveAccess(spec);
  const objects = [buildServiceAccount(access, identityFor(access.mode)), buildClusterSecretStore(access)];
  const shape = buildCredentialsSecretShape(access);
  if (shape) objects.push(buildCredentialsSecret(access, Object.fromEntries(shape.keys.map((k) => [k, "placeholder"]))));
  return objects;
}

describeWithEso("ESO conformance of emitted objects", () => {
  describe.each(ACCESS_CASES)("access $title ($mode)", ({ spec, mode }) => {
    it("resolves to the expected mode", () => {
      expect(resolveAccess(spec).mode).toBe(mode);
    });

    it("emits a ServiceAccount, a ClusterSecretStore (and credentials Secret) that the schemas accept", () => {
      const objects = accessObjects(spec);
      expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(["ServiceAccount", "ClusterSecretStore"]));
      objects.forEach(expectValid);
    });

    it("still conforms when the store is limited to some namespaces (spec.conditions)", () => {
      const store = buildClusterSecretStore(resolveAccess({ ...spec, allowedNamespaces: ["team-a", "team-b"] }));
      expect(store.spec).toMatchObject({ conditions: [{ namespaces: ["team-a", "team-b"] }] });
      expectValid(store);
    });
  });

  it("covers every AccessMode", () => {
    expect(new Set(ACCESS_CASES.map((c) => c.mode))).toEqual(new Set(["irsa", "role-direct", "role-assume", "gke-workload-identity", "static-aws", "static-gcp"]));
  });

  it("emits a regional GCP store (gcpsm.location) that the schema accepts", () => {
    const store = buildClusterSecretStore(resolveAccess({ name: "regional", provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" }, location: "europe-west1" }));
    expect(store.spec).toMatchObject({ provider: { gcpsm: { location: "europe-west1" } } });
    expectValid(store);
  });

  const smAccess = resolveAccess({ name: "staging", provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" }, restrictTo: ["staging/*"] });
  const gcpAccess = resolveAccess({ name: "gke", provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" } });
  const ssmAccess = resolveAccess({ name: "params", provider: "aws-parameter-store", region: REGION, cluster: EKS, auth: { type: "automatic" } });
  const bindingRows: { title: string; access: typeof smAccess; binding: BindingSpec }[] = [
    { title: "a plain key", access: smAccess, binding: { name: "api", namespace: "apps", env: { API_KEY: "staging/api-key" } } },
    { title: "a property of a JSON secret", access: smAccess, binding: { name: "api", namespace: "apps", env: { DB_PASSWORD: { key: "staging/db", property: "password" } } } },
    { title: "a pinned version", access: smAccess, binding: { name: "api", namespace: "apps", env: { DB_PASSWORD: { key: "staging/db", version: "AWSCURRENT" } } } },
    { title: 'refresh "deploy"', access: smAccess, binding: { name: "api", namespace: "apps", env: { API_KEY: "staging/api-key" }, refresh: "deploy" } },
    { title: 'refresh "1h"', access: smAccess, binding: { name: "api", namespace: "apps", env: { API_KEY: "staging/api-key" }, refresh: "1h" } },
    { title: "several variables, property and version, refresh 15m", access: smAccess, binding: { name: "worker", namespace: "apps", secretName: "worker-env", refresh: "15m", env: { A: "staging/a", B: { key: "staging/b", property: "user", version: "AWSPREVIOUS" } } } },
    { title: "a GCP secret with a version number", access: gcpAccess, binding: { name: "web", namespace: "web", env: { TOKEN: { key: "token", version: "3" } } } },
    { title: "a parameter with a version", access: ssmAccess, binding: { name: "cfg", namespace: "apps", env: { URL: { key: "/app/prod/url", version: "2" } } } },
    { title: "a very long binding name (hashed)", access: smAccess, binding: { name: "a-binding-name-that-is-far-too-long-for-a-kubernetes-label-really-it-is", namespace: "apps", env: { K: "staging/k" } } },
  ];

  it.each(bindingRows)("emits an ExternalSecret for $title that the schema accepts", ({ access, binding }) => {
    const es = buildExternalSecret(resolveBinding(binding, access));
    expect(es.kind).toBe("ExternalSecret");
    expectValid(es);
  });

  it("accepts the operator's Helm values without user values", () => {
    expect(validateHelmValues(buildOperatorRelease().values)).toEqual([]);
  });

  it("accepts the operator's Helm values merged with user values", () => {
    const values = buildOperatorRelease({ values: { replicaCount: 2, webhook: { replicaCount: 2 }, resources: { limits: { memory: "256Mi" } }, serviceMonitor: { enabled: true } } }).values;
    expect(values).toMatchObject({ installCRDs: true, replicaCount: 2 });
    expect(validateHelmValues(values)).toEqual([]);
  });

  describe("negative controls (the validators can fail)", () => {
    it("rejects a ClusterSecretStore whose AWS service is not an enum value", () => {
      const store = buildClusterSecretStore(smAccess) as KubeObject & { spec: { provider: { aws: Record<string, unknown> } } };
      const broken = { ...store, spec: { ...store.spec, provider: { aws: { ...store.spec.provider.aws, service: "SecretsManagr" } } } };
      expect(formatSchemaErrors(validateEsoObject(broken))).toMatch(/\/spec\/provider\/aws\/service/);
    });

    it("rejects a field the CRD does not declare (Kubernetes would silently prune it)", () => {
      const store = buildClusterSecretStore(smAccess) as KubeObject & { spec: { provider: { aws: Record<string, unknown> } } };
      const broken = { ...store, spec: { ...store.spec, provider: { aws: { ...store.spec.provider.aws, externalId: "typo-of-externalID" } } } };
      expect(validateEsoObject(broken).map((e) => `${e.instancePath} ${e.message}`)).toContain("/spec/provider/aws must NOT have additional properties");
    });

    it("rejects an ExternalSecret with a data entry lacking remoteRef", () => {
      const es = buildExternalSecret(resolveBinding({ name: "api", namespace: "apps", env: { A: "staging/a" } }, smAccess)) as KubeObject & { spec: Record<string, unknown> };
      const broken = { ...es, spec: { ...es.spec, data: [{ secretKey: "A" }] } };
      expect(formatSchemaErrors(validateEsoObject(broken))).toMatch(/remoteRef/);
    });

    it("rejects an invalid object name and a namespace on a cluster-scoped store", () => {
      const store = buildClusterSecretStore(smAccess);
      const errors = validateEsoObject({ ...store, metadata: { name: "Not_Valid", namespace: "apps" } });
      expect(errors.map((e) => e.instancePath)).toEqual(expect.arrayContaining(["/metadata/name", "/metadata/namespace"]));
    });

    it("rejects a ServiceAccount named outside DNS-1123", () => {
      const sa = buildServiceAccount(smAccess, { roleArn: "arn:aws:iam::123456789012:role/x" });
      expect(validateEsoObject({ ...sa, metadata: { ...sa.metadata, name: "UPPER" } }).map((e) => e.instancePath)).toContain("/metadata/name");
    });

    it("rejects Helm values of the wrong type", () => {
      expect(validateHelmValues({ installCRDs: "yes", replicaCount: "two" }).map((e) => e.instancePath)).toEqual(expect.arrayContaining(["/installCRDs", "/replicaCount"]));
    });
  });
});
