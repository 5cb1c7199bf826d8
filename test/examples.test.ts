/**
 * The Pulumi examples and pulumi-project, planned offline with the CLI's `planProgram`: they plan cleanly,
 * every object they emit is valid for the ESO v1 CRDs, their IAM documents grant reads inside the
 * restriction and nothing else (iam-simulate), and no static credential shows up in anything they print or write.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { PARAMETER_STORE_READ_ACTIONS, REDACTED, SECRETS_MANAGER_READ_ACTIONS, type ProviderId } from "@eskit/core";
import { describeWithEso, formatSchemaErrors, validateEsoObject, validateHelmValues } from "./support/eso-schemas";
import { simulate, webIdentityTrustAllows, type Decision } from "./support/iam";
import { PULUMI_EXAMPLES, REPO, planProject, planWithStack, type Planned } from "./support/plans";

const PROJECTS = [...PULUMI_EXAMPLES.map((e) => `examples/${e}`), "pulumi-project"];
const MOCK_ACCOUNT = "123456789012";

const plans = new Map<string, Planned>();
const planOf = (project: string): Planned => {
  const p = plans.get(project);
  if (!p) throw new Error(`${project} was not planned`);
  return p;
};

beforeAll(async () => {
  for (const project of PROJECTS) plans.set(project, await planProject(project));
  const times = PROJECTS.map((p) => `${p} ${planOf(p).ms} ms`).join(", ");
  console.log(`planned ${PROJECTS.length} projects in ${[...plans.values()].reduce((t, p) => t + p.ms, 0)} ms: ${times}`);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

/** The Kubernetes objects a plan wrote, parsed from its YAML files. */
function kubernetesObjects(p: Planned): Obj[] {
  return [...p.written].filter(([file]) => file.startsWith("kubernetes/")).map(([, content]) => YAML.parse(content));
}

describe("planning the examples", () => {
  const counts: [string, number, number][] = [
    ["examples/aws-automatic", 1, 2],
    ["examples/aws-role", 1, 1],
    ["examples/aws-parameter-store-kms", 1, 1],
    ["examples/gke-automatic", 1, 1],
    ["examples/eks-to-gcp-static", 1, 1],
    ["examples/gke-to-aws-static", 1, 1],
    ["pulumi-project", 3, 3],
  ];

  it("covers every folder of examples/ that holds a Pulumi program", () => {
    const folders = fs.readdirSync(path.join(REPO, "examples")).filter((d) => fs.existsSync(path.join(REPO, "examples", d, "Pulumi.yaml")));
    expect(folders.sort()).toEqual([...PULUMI_EXAMPLES].sort());
  });

  it.each(counts)("plans %s offline with no error or warning, writing its files", (project) => {
    const { result, written } = planOf(project);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.written).toBe(true);
    expect(written.has("resources.json")).toBe(true);
  });

  it.each(counts)("%s emits %i ClusterSecretStore(s) and %i ExternalSecret(s), after the ESO chart 2.9.0", (project, stores, externalSecrets) => {
    const objects = kubernetesObjects(planOf(project));
    expect(objects.filter((o) => o.kind === "ClusterSecretStore")).toHaveLength(stores);
    expect(objects.filter((o) => o.kind === "ExternalSecret")).toHaveLength(externalSecrets);
    const chart = YAML.parse(planOf(project).written.get("helm/external-secrets.chart.yaml") ?? "null");
    expect(chart).toMatchObject({ chart: "external-secrets", version: "2.9.0", repository: "https://charts.external-secrets.io", namespace: "external-secrets" });
  });
});

describeWithEso("the examples' objects against the ESO v1 CRDs and the chart's values schema", () => {
  const checked = new Set(["ClusterSecretStore", "ExternalSecret", "ServiceAccount", "Secret"]);

  it.each(PROJECTS)("every ESO object, ServiceAccount and Secret written by %s is valid", (project) => {
    const objects = kubernetesObjects(planOf(project)).filter((o) => checked.has(o.kind));
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect({ object: `${object.kind} ${object.metadata?.name}`, errors: formatSchemaErrors(validateEsoObject(object)) }).toEqual({ object: `${object.kind} ${object.metadata?.name}`, errors: "" });
  });

  it.each(PROJECTS)("the Helm values written by %s satisfy values.schema.json", (project) => {
    const values = YAML.parse(planOf(project).written.get("helm/external-secrets.values.yaml") ?? "null");
    expect(formatSchemaErrors(validateHelmValues(values))).toBe("");
  });
});

/** Every AWS policy document of a plan: written IAM files, and policies given as stack outputs (for roles eskit does not own). */
function awsPolicies(p: Planned): Obj[] {
  const docs: Obj[] = [...p.written].filter(([f]) => f.startsWith("iam/") && f.endsWith(".policy.json")).map(([, c]) => JSON.parse(c));
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === "string" && key === "policy" && value.trim().startsWith("{")) {
      const doc = JSON.parse(value);
      if (doc.Version && doc.Statement) docs.push(doc);
    } else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(p.result.outputs);
  return [...new Map(docs.map((d) => [JSON.stringify(d), d])).values()];
}

interface IamCase {
  readonly project: string;
  readonly provider: ProviderId;
  readonly region: string;
  readonly account: string;
  /** Names inside the restriction, the bound ones included. */
  readonly inside: readonly string[];
  readonly outside: readonly string[];
  readonly kmsKey?: string;
}

const IAM_CASES: readonly IamCase[] = [
  { project: "examples/aws-automatic", provider: "aws-secrets-manager", region: "eu-west-3", account: MOCK_ACCOUNT, inside: ["staging/db", "staging/stripe-api-key"], outside: ["prod/db", "stagingx/db", "staging"] },
  { project: "examples/aws-role", provider: "aws-secrets-manager", region: "eu-west-3", account: "210987654321", inside: ["shared/smtp"], outside: ["staging/db", "shared"] },
  {
    project: "examples/aws-parameter-store-kms", provider: "aws-parameter-store", region: "eu-west-3", account: MOCK_ACCOUNT,
    inside: ["/app/prod/billing/database-url", "/app/prod/billing/queue-token"], outside: ["/app/dev/billing/database-url", "/app/prod"],
    kmsKey: "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  },
  { project: "examples/gke-to-aws-static", provider: "aws-secrets-manager", region: "eu-west-3", account: MOCK_ACCOUNT, inside: ["staging/db"], outside: ["prod/db"] },
  { project: "pulumi-project", provider: "aws-secrets-manager", region: "eu-west-3", account: MOCK_ACCOUNT, inside: ["staging/db"], outside: ["prod/db"] },
  {
    project: "pulumi-project", provider: "aws-parameter-store", region: "eu-west-1", account: "210987654321",
    inside: ["/shared/prod/smtp-password"], outside: ["/shared/dev/smtp-password"],
    kmsKey: "arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  },
];

const WRITES: Readonly<Record<string, readonly string[]>> = {
  "aws-secrets-manager": ["secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret", "secretsmanager:DeleteSecret"],
  "aws-parameter-store": ["ssm:PutParameter", "ssm:DeleteParameter", "ssm:LabelParameterVersion"],
};

function arnOf(c: IamCase, name: string): string {
  return c.provider === "aws-secrets-manager"
    ? `arn:aws:secretsmanager:${c.region}:${c.account}:secret:${name}-Ab12Cd`
    : `arn:aws:ssm:${c.region}:${c.account}:parameter/${name.replace(/^\//, "")}`;
}

describe.each(IAM_CASES)("the $provider policy of $project, simulated", (c) => {
  const principal = `arn:aws:iam::${c.account}:role/eso-reader`;
  const reads = c.provider === "aws-secrets-manager" ? SECRETS_MANAGER_READ_ACTIONS : PARAMETER_STORE_READ_ACTIONS;
  const service = c.provider === "aws-secrets-manager" ? "secretsmanager" : "ssm";
  const policy = (): Obj => {
    const found = awsPolicies(planOf(c.project)).filter((d) => JSON.stringify(d).includes(`arn:aws:${service}:${c.region}:${c.account}:`));
    expect(found).toHaveLength(1);
    return found[0];
  };
  const decide = (action: string, resource: string, context: Record<string, string> = {}, resourcePolicy?: unknown) =>
    simulate({ principal, action, resource, context }, { identity: [policy()], resource: resourcePolicy });
  const pairs = (names: readonly string[], actions: readonly string[]) => names.flatMap((n) => actions.map((a): [string, string] => [a, n]));

  it.each(pairs(c.inside, reads))("allows %s on %s, inside the restriction", async (action, name) => {
    expect(await decide(action, arnOf(c, name))).toBe<Decision>("Allowed");
  });

  it.each(pairs(c.outside, reads))("denies %s on %s, outside the restriction", async (action, name) => {
    expect(await decide(action, arnOf(c, name))).toBe<Decision>("ImplicitlyDenied");
  });

  it.each(pairs(c.inside, WRITES[c.provider]))("denies the write %s, even on %s", async (action, name) => {
    expect(await decide(action, arnOf(c, name))).toBe<Decision>("ImplicitlyDenied");
  });

  if (c.kmsKey) {
    const key = c.kmsKey;
    const keyPolicy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${c.account}:root` }, Action: "kms:*", Resource: "*" }] };
    it.each([
      [`ssm.${c.region}.amazonaws.com`, "Allowed"],
      [`secretsmanager.${c.region}.amazonaws.com`, "ImplicitlyDenied"],
      [undefined, "ImplicitlyDenied"],
    ] as const)("lets kms:Decrypt through %s only: %s", async (viaService, expected) => {
      expect(await decide("kms:Decrypt", key, viaService ? { "kms:ViaService": viaService } : {}, keyPolicy)).toBe(expected);
    });
  }
});

describe("the IRSA trust policies the examples write", () => {
  const rows = ["examples/aws-automatic", "examples/aws-role", "examples/aws-parameter-store-kms", "pulumi-project"];

  it.each(rows)("in %s, each role trusts exactly its access's service account", async (project) => {
    const p = planOf(project);
    const trustFiles = p.result.files.filter((f) => f.kind === "iam" && f.path.endsWith(".trust-policy.json"));
    expect(trustFiles.length).toBeGreaterThan(0);
    for (const file of trustFiles) {
      const role = p.result.resources.find((r) => r.urn === file.urn)!;
      const sa = p.result.resources.find((r) => r.parent === role.parent && r.type === "kubernetes:core/v1:ServiceAccount")!;
      const { name, namespace } = (sa.inputs.metadata ?? {}) as { name: string; namespace: string };
      const trust = JSON.parse(file.content);
      const providerArn: string = trust.Statement[0].Principal.Federated;
      const issuer = providerArn.split(":oidc-provider/")[1];
      const roleArn = `arn:aws:iam::${MOCK_ACCOUNT}:role/${role.name}`;
      const claims = (sub: string) => ({ [`${issuer}:sub`]: sub, [`${issuer}:aud`]: "sts.amazonaws.com" });
      expect(await webIdentityTrustAllows(trust, roleArn, providerArn, claims(`system:serviceaccount:${namespace}:${name}`))).toBe(true);
      expect(await webIdentityTrustAllows(trust, roleArn, providerArn, claims(`system:serviceaccount:${namespace}:intruder`))).toBe(false);
      expect(await webIdentityTrustAllows(trust, roleArn, providerArn, claims(`system:serviceaccount:shop:${name}`))).toBe(false);
    }
  });

  it("aws-role: the base role may assume the cross-account role, whose printed trust policy admits it only with the external id", async () => {
    const { result, written } = planOf("examples/aws-role");
    const outputs = result.outputs;
    const trust = JSON.parse(outputs.requiredTrustPolicy as string);
    const baseRolePolicy = JSON.parse(written.get("iam/shared-assume-policy.policy.json") ?? "null");
    const target = "arn:aws:iam::210987654321:role/eso-shared-secrets-reader";
    const assume = (principal: string, externalId?: string) =>
      simulate({ principal, action: "sts:AssumeRole", resource: target, context: externalId ? { "sts:ExternalId": externalId } : {} }, { identity: [baseRolePolicy], resource: trust });
    expect(await assume(outputs.baseRoleArn as string, "eskit-shop-7f3a")).toBe<Decision>("Allowed");
    expect(await assume(outputs.baseRoleArn as string, "guessed")).toBe<Decision>("ImplicitlyDenied");
    expect(await assume(outputs.baseRoleArn as string)).toBe<Decision>("ImplicitlyDenied");
    expect(await assume(`arn:aws:iam::${MOCK_ACCOUNT}:role/someone-else`, "eskit-shop-7f3a")).toBe<Decision>("ImplicitlyDenied");
  });
});

describe("the GCP grants the examples write", () => {
  const rows: [string, string][] = [
    ["examples/gke-automatic", "projects/123456789012/secrets/staging-"],
    ["examples/eks-to-gcp-static", "projects/123456789012/secrets/shop-"],
    ["pulumi-project", "projects/123456789012/secrets/shop-"],
  ];

  it.each(rows)("%s grants secret reads only under %s, through non-authoritative members", (project, prefix) => {
    const grants: Obj[] = JSON.parse(planOf(project).written.get("gcp-iam.json") ?? "[]");
    expect(grants.every((g) => /:(IAMMember|IAMCustomRole)$/.test(g.type))).toBe(true);
    const readers = grants.filter((g) => g.role === "roles/secretmanager.secretAccessor" || /\/roles\/eskit_/.test(g.role ?? ""));
    expect(readers).toHaveLength(1);
    expect(readers[0].condition.expression).toBe(`resource.name.startsWith("${prefix}")`);
  });
});

/** The literal credential values of the examples' stacks (documentation example keys, plain text on purpose). */
function stackCredentials(): string[] {
  const stack = YAML.parse(fs.readFileSync(path.join(REPO, "examples/gke-to-aws-static/Pulumi.dev.yaml"), "utf8")).config;
  return [stack["eskit-gke-to-aws-static:awsAccessKeyId"], stack["eskit-gke-to-aws-static:awsSecretAccessKey"]];
}

/** Where a credential shows up in a plan: the printed report, a written file, or the recorded data. */
function leaks(p: Planned, credentials: readonly string[]): string[] {
  const places: [string, string][] = [["printed output", p.printed], ["recorded resources and outputs", JSON.stringify([p.result.resources, p.result.outputs])], ...[...p.written].map(([f, c]): [string, string] => [f, c])];
  return places.flatMap(([where, text]) => credentials.filter((c) => text.includes(c)).map((c) => `${c.slice(0, 4)}... in ${where}`));
}

describe("static credentials", () => {
  it("are in the gke-to-aws-static stack in plain text (so the checks below can find them)", () => {
    expect(stackCredentials()).toEqual([expect.stringMatching(/^AKIA/), expect.any(String)]);
  });

  it.each(PROJECTS)("never appear in what %s prints or writes", (project) => {
    expect(leaks(planOf(project), stackCredentials())).toEqual([]);
  });

  it("reach the credentials Secret of gke-to-aws-static, shown only as [secret]", () => {
    const secret = kubernetesObjects(planOf("examples/gke-to-aws-static")).find((o) => o.kind === "Secret");
    expect(secret.stringData).toEqual({ "access-key-id": REDACTED, "secret-access-key": REDACTED });
  });

  const keyJson = JSON.stringify({ type: "service_account", private_key: "-----BEGIN PRIVATE KEY-----PROJECTTESTKEY" });
  const [keyId, secretKey] = ["AKIAPROJECTTEST00001", "project/test+secret/access+key"];
  const staticStacks: [string, Record<string, unknown>, string[]][] = [
    ["an AWS access key, on GKE", {
      "eskit-platform:cluster": { cloud: "gcp", project: "acme-staging-42", location: "europe-west1", name: "staging" },
      "eskit-platform:awsKeyId": keyId,
      "eskit-platform:awsSecretKey": secretKey,
      "eskit-platform:accesses": { aws: { provider: "aws-secrets-manager", region: "eu-west-3", accountId: MOCK_ACCOUNT, auth: { type: "static", accessKeyIdSecret: "awsKeyId", secretAccessKeySecret: "awsSecretKey" }, restrictTo: ["staging/*"] } },
      "eskit-platform:bindings": { api: { access: "aws", namespace: "shop", env: { DB_PASSWORD: "staging/db" } } },
    }, [keyId, secretKey]],
    ["a GCP key.json, on EKS", {
      "eskit-platform:cluster": { cloud: "aws", oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLE", oidcIssuerUrl: "https://oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLE" },
      "eskit-platform:gcpKey": keyJson,
      "eskit-platform:accesses": { gcp: { provider: "gcp-secret-manager", project: "acme-other-7", auth: { type: "static", credentialsJsonSecret: "gcpKey" } } },
      "eskit-platform:bindings": { api: { access: "gcp", namespace: "shop", env: { API_KEY: "api-key" } } },
    }, [keyJson, "PROJECTTESTKEY"]],
  ];

  it.each(staticStacks)("read by pulumi-project from secret config keys (%s) never appear in its plan", async (_title, config, credentials) => {
    const planned = await planWithStack("pulumi-project", "test-static-keys", YAML.stringify({ config }));
    expect(planned.result.errors).toEqual([]);
    const secret = kubernetesObjects(planned).find((o) => o.kind === "Secret");
    expect(Object.keys(secret.stringData).length).toBeGreaterThan(0);
    expect(Object.values(secret.stringData).every((v) => v === REDACTED)).toBe(true);
    expect(leaks(planned, credentials)).toEqual([]);
  });
});

describe("pulumi-project's configuration errors", () => {
  const base = {
    "aws:region": "eu-west-3",
    "eskit-platform:cluster": { cloud: "aws", oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLE", oidcIssuerUrl: "https://oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLE" },
    "eskit-platform:accesses": { staging: { provider: "aws-secrets-manager", auth: { type: "automatic" }, restrictTo: ["staging/*"] } },
  };
  const rows: [string, Record<string, unknown>, string[]][] = [
    ["an unknown cloud", { "eskit-platform:cluster": { cloud: "azure" } }, ["eskit-platform:cluster.cloud", '"azure"']],
    ["a binding naming no access", { "eskit-platform:bindings": { api: { access: "stagin", namespace: "shop", env: { A: "staging/a" } } } }, ["eskit-platform:bindings.api.access", '"stagin"', "staging"]],
    ["a missing secret config key", { "eskit-platform:accesses": { s: { provider: "aws-secrets-manager", region: "eu-west-3", auth: { type: "static", accessKeyIdSecret: "nope", secretAccessKeySecret: "nope" } } } }, ["eskit-platform:accesses.s.auth.accessKeyIdSecret", "pulumi config set --secret nope"]],
    ["an unknown provider", { "eskit-platform:accesses": { staging: { provider: "aws-secret-manager", auth: { type: "automatic" } } } }, ["eskit-platform:accesses.staging", "provider", '"aws-secret-manager"']],
    ["a binding outside its restriction and a bad env name, with another access's error", {
      "eskit-platform:accesses": { ...base["eskit-platform:accesses"], broken: { provider: "nope", auth: { type: "automatic" } } },
      "eskit-platform:bindings": { api: { access: "staging", namespace: "shop", env: { DB: "prod/db", "1BAD": "staging/x" } } },
    }, ["eskit-platform:accesses.broken", "eskit-platform:bindings.api", "env.DB", '"prod/db"', "env.1BAD"]],
  ];

  it.each(rows)("reports %s under its config key, with every problem at once", async (_title, override, expected) => {
    const planned = await planWithStack("pulumi-project", "test-invalid", YAML.stringify({ config: { ...base, ...override } }));
    expect(planned.result.errors).toHaveLength(1);
    const { message } = planned.result.errors[0];
    for (const text of expected) expect(message).toContain(text);
    expect(planned.written.size).toBe(0);
  });
});
