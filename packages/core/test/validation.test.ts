/**
 * Every documented rejection: the problem names the field path and says what to do; every problem is
 * reported at once; credentials are never echoed.
 */
import {
  EskitError,
  resolveAccess,
  resolveBinding,
  validateAccess,
  validateBinding,
  validateServiceEnv,
  type AccessSpec,
  type BindingSpec,
  type Problem,
} from "@eskit/core";
import { ACCOUNT, EKS, FAKE_ACCESS_KEY_ID, FAKE_KEY_JSON, FAKE_SECRET_ACCESS_KEY, GKE, KMS_KEY_ARN, OIDC_ISSUER_URL, OIDC_PROVIDER_ARN, REGION } from "./fixtures";

const IRSA: AccessSpec = { name: "staging", provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" } };
const SSM: AccessSpec = { ...IRSA, provider: "aws-parameter-store" };
const GKE_WI: AccessSpec = { name: "gke", provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" } };
const FROM_GKE: AccessSpec = { name: "from-gke", provider: "aws-secrets-manager", region: REGION, cluster: GKE, auth: { type: "static", accessKeyId: FAKE_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY } };

/** Builds a spec from a base and overrides, allowing invalid values (that is the point). */
const spec = (base: AccessSpec, over: Record<string, unknown>): AccessSpec => ({ ...base, ...over }) as unknown as AccessSpec;

interface Row {
  readonly title: string;
  readonly spec: AccessSpec;
  readonly path: string;
  /** What the message or fix must say (the way out). */
  readonly says: RegExp;
}

const ACCESS_ROWS: readonly Row[] = [
  { title: "an unknown provider", spec: spec(IRSA, { provider: "azure-key-vault" }), path: "provider", says: /aws-secrets-manager.*aws-parameter-store.*gcp-secret-manager/ },
  { title: "automatic for a GCP provider from EKS", spec: spec(IRSA, { provider: "gcp-secret-manager", region: undefined, project: "acme-prod-42" }), path: "auth.type", says: /credentialsJson|create: true/ },
  { title: "automatic for an AWS provider from GKE", spec: spec(IRSA, { cluster: GKE }), path: "auth.type", says: /accessKeyId, secretAccessKey|create: true/ },
  { title: "role on a GCP provider", spec: spec(GKE_WI, { auth: { type: "role", roleArn: "arn:aws:iam::123456789012:role/x" } }), path: "auth.type", says: /type: "automatic"/ },
  { title: "role from a GKE cluster", spec: spec(IRSA, { cluster: GKE, auth: { type: "role", roleArn: "arn:aws:iam::123456789012:role/x" } }), path: "auth.type", says: /type: "static"/ },
  { title: "static without credentials", spec: spec(FROM_GKE, { auth: { type: "static" } }), path: "auth", says: /accessKeyId and secretAccessKey.*existingSecret.*create: true/ },
  { title: "static with only the access key id", spec: spec(FROM_GKE, { auth: { type: "static", accessKeyId: FAKE_ACCESS_KEY_ID } }), path: "auth.secretAccessKey", says: /both accessKeyId and secretAccessKey/ },
  { title: "static with only the secret access key", spec: spec(FROM_GKE, { auth: { type: "static", secretAccessKey: FAKE_SECRET_ACCESS_KEY } }), path: "auth.accessKeyId", says: /both accessKeyId and secretAccessKey/ },
  { title: "static with a GCP key for AWS", spec: spec(FROM_GKE, { auth: { type: "static", credentialsJson: FAKE_KEY_JSON } }), path: "auth.credentialsJson", says: /accessKeyId and secretAccessKey instead/ },
  { title: "static with an AWS key for GCP", spec: spec(GKE_WI, { cluster: EKS, project: "acme-prod-42", auth: { type: "static", accessKeyId: FAKE_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY } }), path: "auth.accessKeyId", says: /credentialsJson/ },
  { title: "static on the same cloud (EKS + AWS)", spec: spec(IRSA, { auth: { type: "static", accessKeyId: FAKE_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY } }), path: "auth.type", says: /type: "automatic".*IRSA/ },
  { title: "static on the same cloud (GKE + GCP)", spec: spec(GKE_WI, { auth: { type: "static", credentialsJson: FAKE_KEY_JSON } }), path: "auth.type", says: /Workload Identity/ },
  { title: "automatic together with a roleArn", spec: spec(IRSA, { auth: { type: "automatic", roleArn: "arn:aws:iam::123456789012:role/x" } }), path: "auth.roleArn", says: /Remove auth.roleArn|type: "role"/ },
  { title: "a malformed role ARN", spec: spec(IRSA, { auth: { type: "role", roleArn: "arn:aws:iam::1234:role/x" } }), path: "auth.roleArn", says: /IAM role ARN such as/ },
  { title: "a malformed OIDC provider ARN", spec: spec(IRSA, { cluster: { ...EKS, oidcProviderArn: "arn:aws:iam::123456789012:role/oidc" } }), path: "cluster.oidcProviderArn", says: /OIDC provider ARN such as/ },
  { title: "an issuer URL that is not https", spec: spec(IRSA, { cluster: { ...EKS, oidcIssuerUrl: OIDC_ISSUER_URL.replace("https", "http") } }), path: "cluster.oidcIssuerUrl", says: /https/ },
  { title: "an issuer that does not match the provider ARN", spec: spec(IRSA, { cluster: { ...EKS, oidcIssuerUrl: OIDC_ISSUER_URL.replace("EXAMPLED539", "OTHERCLUSTR") } }), path: "cluster.oidcIssuerUrl", says: new RegExp(`does not belong.*Use the issuer of the same cluster: "${OIDC_ISSUER_URL.replace(/[./]/g, "\\$&")}"`) },
  { title: "a malformed AWS region", spec: spec(IRSA, { region: "europe-west" }), path: "region", says: /AWS region such as "eu-west-3"/ },
  { title: "a missing AWS region", spec: spec(IRSA, { region: undefined }), path: "region", says: /AWS region such as/ },
  { title: "a malformed account id", spec: spec(IRSA, { accountId: "1234" }), path: "accountId", says: /12-digit AWS account id/ },
  { title: "a malformed GCP project id", spec: spec(GKE_WI, { project: "Acme_Prod" }), path: "project", says: /GCP project id such as/ },
  { title: "a missing GCP project from EKS", spec: spec(GKE_WI, { cluster: EKS, auth: { type: "static", credentialsJson: FAKE_KEY_JSON } }), path: "project", says: /GCP project id/ },
  { title: "a malformed GCP project number", spec: spec(GKE_WI, { projectNumber: "acme" }), path: "projectNumber", says: /project number such as/ },
  { title: "a KMS alias instead of a key ARN", spec: spec(IRSA, { kmsKeyArns: [`arn:aws:kms:${REGION}:${ACCOUNT}:alias/secrets`] }), path: "kmsKeyArns[0]", says: /not an alias ARN/ },
  { title: "a KMS key of another region", spec: spec(IRSA, { kmsKeyArns: [KMS_KEY_ARN.replace(REGION, "us-east-1")] }), path: "kmsKeyArns[0]", says: /key ARN of that region/ },
  { title: "an empty restriction", spec: spec(IRSA, { restrictTo: [] }), path: "restrictTo", says: /omit restrictTo/ },
  { title: "an empty pattern", spec: spec(IRSA, { restrictTo: [""] }), path: "restrictTo[0]", says: /staging\/\*/ },
  { title: "characters Secrets Manager names cannot contain", spec: spec(IRSA, { restrictTo: ["staging/db!"] }), path: "restrictTo[0]", says: /letters, digits, \/_\+=\.@-/ },
  { title: "characters parameter names cannot contain", spec: spec(SSM, { restrictTo: ["/app/prod@x"] }), path: "restrictTo[0]", says: /letters, digits, \/_\.-/ },
  { title: "characters GCP secret ids cannot contain", spec: spec(GKE_WI, { restrictTo: ["staging/db"] }), path: "restrictTo[0]", says: /letters, digits, _ and -/ },
  { title: '"*" mixed with other patterns', spec: spec(IRSA, { restrictTo: ["*", "staging/*"] }), path: "restrictTo[0]", says: /\["\*"\] alone/ },
  { title: '"**"', spec: spec(IRSA, { restrictTo: ["**"] }), path: "restrictTo[0]", says: /"\*" alone/ },
  { title: "a GCP wildcard in the middle", spec: spec(GKE_WI, { restrictTo: ["staging-*-db"] }), path: "restrictTo[0]", says: /at the end/ },
  { title: "a relative SSM path", spec: spec(SSM, { restrictTo: ["app/prod/*"] }), path: "restrictTo[0]", says: /"\/app\/prod\/\*"/ },
  { title: "an invalid operator namespace", spec: spec(IRSA, { namespace: "External_Secrets" }), path: "namespace", says: /DNS-1123 label/ },
  { title: "an invalid allowed namespace", spec: spec(IRSA, { allowedNamespaces: ["ok", "Not OK"] }), path: "allowedNamespaces[1]", says: /DNS-1123 label/ },
];

function problemAt(problems: readonly Problem[], path: string): Problem {
  const found = problems.find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path}; got ${JSON.stringify(problems, null, 2)}`);
  return found;
}

describe("access validation", () => {
  it.each(ACCESS_ROWS)("rejects $title, naming $path and what to do", ({ spec: s, path, says }) => {
    const problem = problemAt(validateAccess(s), path);
    expect(`${problem.message} ${problem.fix ?? ""}`).toMatch(says);
  });

  it.each(ACCESS_ROWS)("throws one EskitError from resolveAccess for $title", ({ spec: s, path }) => {
    let error: unknown;
    try {
      resolveAccess(s);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EskitError);
    expect((error as EskitError).problems).toEqual(validateAccess(s));
    expect((error as EskitError).message).toContain(`${path}: `);
  });

  it("reports all problems at once: a spec with 5 mistakes yields 5 problems", () => {
    const problems = validateAccess(spec(IRSA, { region: "mars-1", accountId: "12", namespace: "Bad_NS", restrictTo: ["ok/*", "bad name"], cluster: { ...EKS, oidcIssuerUrl: "ftp://x" } }));
    expect(problems.map((p) => p.path).sort()).toEqual(["accountId", "cluster.oidcIssuerUrl", "namespace", "region", "restrictTo[1]"]);
  });

  describe("never echoes credentials", () => {
    const leaks: { title: string; spec: AccessSpec }[] = [
      { title: "static on the same cloud", spec: spec(IRSA, { auth: { type: "static", accessKeyId: FAKE_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY } }) },
      { title: "a GCP key for AWS and half an AWS key", spec: spec(FROM_GKE, { auth: { type: "static", accessKeyId: FAKE_ACCESS_KEY_ID, credentialsJson: FAKE_KEY_JSON } }) },
      { title: "an AWS key for GCP", spec: spec(GKE_WI, { cluster: EKS, project: "acme-prod-42", auth: { type: "static", accessKeyId: FAKE_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY } }) },
      { title: "a key.json that is not JSON", spec: spec(GKE_WI, { cluster: EKS, project: "acme-prod-42", auth: { type: "static", credentialsJson: FAKE_SECRET_ACCESS_KEY } }) },
      { title: "credentials with automatic authentication", spec: spec(IRSA, { auth: { type: "automatic", accessKeyId: FAKE_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY, credentialsJson: FAKE_KEY_JSON } }) },
      { title: "credentials with role authentication", spec: spec(IRSA, { auth: { type: "role", roleArn: "arn:aws:iam::123456789012:role/x", accessKeyId: FAKE_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY } }) },
    ];

    it.each(leaks)("in the error for $title", ({ spec: s }) => {
      let text = "";
      try {
        resolveAccess(s);
      } catch (e) {
        text = `${(e as Error).message}\n${JSON.stringify((e as EskitError).problems)}`;
      }
      expect(text).not.toBe("");
      for (const secret of [FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY, FAKE_KEY_JSON, "FAKEPRIVATEKEYMATERIAL"]) expect(text).not.toContain(secret);
    });
  });
});

describe("binding validation", () => {
  const access = resolveAccess({ ...IRSA, restrictTo: ["staging/*"] });
  const binding = (over: Partial<Record<keyof BindingSpec, unknown>>): BindingSpec => ({ name: "api", namespace: "apps", env: { API_KEY: "staging/api-key" }, ...over }) as BindingSpec;
  const rows: { title: string; binding: BindingSpec; path: string; says: RegExp }[] = [
    { title: "an env var name starting with a digit", binding: binding({ env: { "1PASSWORD": "staging/db" } }), path: "env.1PASSWORD", says: /\^\[A-Za-z_\]\[A-Za-z0-9_\]\*\$/ },
    { title: "an env var name with a dash", binding: binding({ env: { "DB-PASSWORD": "staging/db" } }), path: "env.DB-PASSWORD", says: /DB_PASSWORD/ },
    { title: "a key outside the access's restriction (string form)", binding: binding({ env: { DB: "prod/db" } }), path: "env.DB", says: /outside the restriction of access "staging".*restrictTo/ },
    { title: "a key outside the access's restriction (object form)", binding: binding({ env: { DB: { key: "prod/db", property: "password" } } }), path: "env.DB.key", says: /outside the restriction of access "staging"/ },
    { title: "an invalid namespace", binding: binding({ namespace: "Apps" }), path: "namespace", says: /DNS-1123 label/ },
    { title: "an invalid target Secret name", binding: binding({ secretName: "Api_Env" }), path: "secretName", says: /DNS-1123 subdomain/ },
    { title: "a refresh that is neither deploy nor a duration", binding: binding({ refresh: "hourly" }), path: "refresh", says: /"deploy".*"1h"/ },
    { title: "a zero refresh interval", binding: binding({ refresh: "0s" }), path: "refresh", says: /"deploy"/ },
    { title: "an empty env", binding: binding({ env: {} }), path: "env", says: /DB_PASSWORD/ },
    { title: "an empty property", binding: binding({ env: { DB: { key: "staging/db", property: "" } } }), path: "env.DB.property", says: /password/ },
  ];

  it.each(rows)("rejects $title, naming $path and what to do", ({ binding: b, path, says }) => {
    const problem = problemAt(validateBinding(b, access), path);
    expect(`${problem.message} ${problem.fix ?? ""}`).toMatch(says);
  });

  it("names both the key and the access when a key falls outside the restriction", () => {
    expect(() => resolveBinding(binding({ env: { DB: "prod/db" } }), access)).toThrow(/env\.DB: is outside the restriction of access "staging" \(\["staging\/\*"\]\).*\(got "prod\/db"\)/);
  });

  it("reports every problem of a binding at once", () => {
    const problems = validateBinding(binding({ namespace: "Apps", refresh: "soon", env: { "1A": "staging/a", B: "prod/b", C: { key: "staging/c", property: "" } } }), access);
    expect(problems.map((p) => p.path).sort()).toEqual(["env.1A", "env.B", "env.C.property", "namespace", "refresh"]);
  });

  it("rejects an env var set by two bindings of one service, naming the second binding and the first", () => {
    const a = resolveBinding(binding({ name: "api", env: { DB_PASSWORD: "staging/db", A: "staging/a" } }), access);
    const b = resolveBinding(binding({ name: "worker", env: { DB_PASSWORD: "staging/db2" } }), access);
    const problems = validateServiceEnv([a, b]);
    expect(problems).toEqual([expect.objectContaining({ path: "worker.env.DB_PASSWORD", message: expect.stringContaining('binding "api"'), fix: expect.stringMatching(/Rename/) })]);
  });

  it("rejects bindings of one service in different namespaces", () => {
    const a = resolveBinding(binding({ name: "api" }), access);
    const b = resolveBinding(binding({ name: "worker", namespace: "other", env: { B: "staging/b" } }), access);
    expect(validateServiceEnv([a, b])).toEqual([expect.objectContaining({ path: "worker.namespace", fix: expect.stringMatching(/service's namespace/) })]);
  });

  it("hashes a binding name too long for Kubernetes into a valid, distinct name", () => {
    const long = "checkout-service-with-a-name-that-is-definitely-longer-than-sixty-three-characters";
    const a = resolveBinding(binding({ name: long }), access);
    const b = resolveBinding(binding({ name: `${long}-2` }), access);
    expect(a.name.length).toBeLessThanOrEqual(63);
    expect(a.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(a.name).not.toBe(b.name);
    expect(a.secretName).toBe(a.name);
  });

  it("hashes a too-long access name into a valid store and service-account name", () => {
    const r = resolveAccess({ ...IRSA, name: "An Access Name With Spaces And Capitals That Goes On And On Forever" });
    for (const n of [r.storeName, r.serviceAccountName]) {
      expect(n.length).toBeLessThanOrEqual(63);
      expect(n).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });

  it("accepts a valid OIDC pair (control for the cluster rows)", () => {
    expect(validateAccess({ ...IRSA, cluster: { cloud: "aws", oidcProviderArn: OIDC_PROVIDER_ARN, oidcIssuerUrl: OIDC_ISSUER_URL } })).toEqual([]);
  });
});
