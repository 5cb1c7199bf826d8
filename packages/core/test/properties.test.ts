/**
 * Properties over random input (fast-check): validation never fails in another way than an EskitError
 * naming field paths; derived names are always valid, stable and distinct; ARNs have the right shape;
 * keyInsideRestriction agrees with an IAM simulator on the generated policy.
 */
import fc from "fast-check";
import {
  buildAwsAccessPolicy,
  buildClusterSecretStore,
  buildExternalSecret,
  buildServiceAccount,
  EskitError,
  gcpCustomRoleId,
  gcpServiceAccountId,
  keyInsideRestriction,
  kubeName,
  parameterArns,
  resolveAccess,
  resolveBinding,
  secretArns,
  stableHash,
  validateRestriction,
  type AccessSpec,
  type BindingSpec,
  type ProviderId,
} from "@eskit/core";
import { simulate } from "../../../test/support/iam";
import { ACCESS_CASES, ACCOUNT, EKS, ESKIT_ROLE_ARN, FAKE_ACCESS_KEY_ID, FAKE_KEY_JSON, FAKE_SECRET_ACCESS_KEY, GKE, identityFor, KMS_KEY_ARN, randomSuffix, REGION, USER_ROLE_ARN } from "./fixtures";

const RUNS = 200;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GCP_SA_ID = /^[a-z]([-a-z0-9]*[a-z0-9])$/;
const GCP_ROLE_ID = /^[a-zA-Z0-9_.]{3,64}$/;

/** Top-level fields of an access and a binding: every problem path starts with one of them. */
const ACCESS_FIELDS = ["(access)", "name", "provider", "region", "accountId", "project", "projectNumber", "location", "cluster", "auth", "restrictTo", "kmsKeyArns", "additionalActions", "namespace", "serviceAccountName", "allowedNamespaces"];
const BINDING_FIELDS = ["(binding)", "name", "namespace", "env", "refresh", "secretName"];

/** A value that is sometimes right, sometimes a plausible mistake, sometimes garbage. */
const maybe = <T>(good: fc.Arbitrary<T>, ...plausible: unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...plausible, "", "x") }, { weight: 1, arbitrary: fc.anything() });

const providerArb = maybe(fc.constantFrom<ProviderId>("aws-secrets-manager", "aws-parameter-store", "gcp-secret-manager"), "azure-key-vault", "AWS-SECRETS-MANAGER");
const clusterArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(EKS, GKE) },
  { weight: 1, arbitrary: fc.record({ cloud: maybe(fc.constantFrom("aws", "gcp"), "azure"), oidcProviderArn: maybe(fc.constant(EKS.oidcProviderArn)), oidcIssuerUrl: maybe(fc.constant(EKS.oidcIssuerUrl)), project: maybe(fc.constant(GKE.project)), location: maybe(fc.constant(GKE.location)), name: maybe(fc.constant(GKE.name)) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.anything() },
);
const authArb = fc.oneof(
  fc.constant<unknown>({ type: "automatic" }),
  fc.record({ type: fc.constant("role"), roleArn: maybe(fc.constant(USER_ROLE_ARN), "arn:aws:iam::1:role/x"), externalId: maybe(fc.constant("ext-42"), "x"), assume: maybe(fc.boolean(), "yes") }, { requiredKeys: ["type"] }),
  fc.record(
    {
      type: fc.constant("static"),
      accessKeyId: maybe(fc.constant(FAKE_ACCESS_KEY_ID)),
      secretAccessKey: maybe(fc.constant(FAKE_SECRET_ACCESS_KEY)),
      credentialsJson: maybe(fc.constant(FAKE_KEY_JSON), "{}", "not json"),
      create: maybe(fc.boolean(), "true"),
      existingSecret: maybe(fc.record({ name: maybe(fc.constant("creds"), "Bad_Name"), namespace: maybe(fc.constant("platform")), credentialsKey: maybe(fc.constant("key.json"), "bad key!") }, { requiredKeys: [] })),
    },
    { requiredKeys: ["type"] },
  ),
  fc.record({ type: fc.anything(), roleArn: fc.anything() }, { requiredKeys: [] }),
  fc.anything(),
);
const patternArb = fc.oneof(fc.constantFrom("staging/*", "prod-db", "/app/prod/*", "staging-*", "*", "**", "a*b", "app/x", "bad name"), fc.string());
const ACCESS_FIELD_ARBS: Record<string, fc.Arbitrary<unknown>> = {
  name: maybe(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), "Staging DB"),
  provider: providerArb,
  region: maybe(fc.constantFrom(REGION, "us-east-1", "cn-north-1", "us-gov-west-1"), "europe-west1"),
  accountId: maybe(fc.constant(ACCOUNT), "1234"),
  project: maybe(fc.constant("acme-prod-42"), "Acme"),
  projectNumber: maybe(fc.constant("123456789012"), "abc"),
  location: maybe(fc.constantFrom("europe-west1", "us-central1"), "europe-west1-b"),
  cluster: clusterArb,
  auth: authArb,
  restrictTo: maybe(fc.array(patternArb, { maxLength: 4 }), [], ["*", "x"]),
  kmsKeyArns: maybe(fc.constant([KMS_KEY_ARN]), ["alias/x"]),
  additionalActions: maybe(fc.constant(["secretsmanager:GetSecretValue"]), ["nope"]),
  namespace: maybe(fc.constant("platform"), "Platform"),
  serviceAccountName: maybe(fc.constant("eso-sa"), "ESO SA"),
  allowedNamespaces: maybe(fc.array(fc.constantFrom("team-a", "team-b", "Team C"), { maxLength: 3 })),
};
/** One field of an access set to a random (right, wrong or garbage) value. */
const mutationArb = fc.constantFrom(...Object.keys(ACCESS_FIELD_ARBS)).chain((field) => ACCESS_FIELD_ARBS[field].map((value) => ({ [field]: value })));
const accessSpecArb: fc.Arbitrary<unknown> = fc.oneof(
  // A valid spec of every mode, with up to two fields changed: often still valid, often one mistake.
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...ACCESS_CASES.map((c) => c.spec)), fc.array(mutationArb, { maxLength: 2 })).map(([base, changes]) => Object.assign({}, base, ...changes)) },
  // Every field random.
  { weight: 4, arbitrary: fc.record(ACCESS_FIELD_ARBS, { requiredKeys: ["name", "provider", "cluster", "auth"] }) },
  // Not even an object.
  { weight: 1, arbitrary: fc.anything() },
);

/** Runs `fn`: returns its value, or the EskitError it threw; any other exception fails the property. */
function resultOrEskitError<T>(fn: () => T): T | EskitError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof EskitError) return e;
    throw new Error(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} instead of an EskitError`);
  }
}

function expectProblemsNameFields(error: EskitError, fields: readonly string[]): void {
  expect(error.problems.length).toBeGreaterThan(0);
  for (const p of error.problems) {
    expect(typeof p.path).toBe("string");
    expect(fields).toContain(p.path.split(/[.[]/)[0]);
    expect(p.message.length).toBeGreaterThan(0);
  }
}

describe("random access specs", () => {
  it("either resolve (and render) or fail with an EskitError whose every problem names a field path", () => {
    let resolved = 0;
    fc.assert(
      fc.property(accessSpecArb, (spec) => {
        const result = resultOrEskitError(() => resolveAccess(spec as AccessSpec));
        if (result instanceof EskitError) return expectProblemsNameFields(result, ACCESS_FIELDS);
        resolved++;
        // A valid access renders without surprises.
        buildServiceAccount(result, identityFor(result.mode));
        if (result.provider.cloud === "gcp" && !result.project) return;
        buildClusterSecretStore(result);
        if (result.provider.cloud === "aws") buildAwsAccessPolicy(result, { region: result.spec.region as string, accountId: result.accountId ?? ACCOUNT });
      }),
      { numRuns: RUNS },
    );
    expect(resolved).toBeGreaterThan(0);
  });

  it("never echo a credential in the error", () => {
    fc.assert(
      fc.property(accessSpecArb, (spec) => {
        const result = resultOrEskitError(() => resolveAccess(spec as AccessSpec));
        if (!(result instanceof EskitError)) return;
        const text = `${result.message}${JSON.stringify(result.problems, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`;
        for (const secret of [FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY, "FAKEPRIVATEKEYMATERIAL"]) expect(text).not.toContain(secret);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("random bindings", () => {
  const access = resolveAccess({ name: "staging", provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" }, restrictTo: ["staging/*"] });
  const sourceArb = fc.oneof(
    maybe(fc.constantFrom("staging/db", "staging/api", "prod/db"), "bad key!"),
    fc.record({ key: maybe(fc.constantFrom("staging/db", "prod/db")), property: maybe(fc.constant("password")), version: maybe(fc.constant("AWSCURRENT")) }, { requiredKeys: [] }),
  );
  const bindingArb: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 9, arbitrary: fc.record(
      {
        name: maybe(fc.stringMatching(/^[a-z][a-z0-9-]{0,80}$/), "Api Service"),
        namespace: maybe(fc.constant("apps"), "Apps"),
        env: maybe(fc.dictionary(fc.oneof(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/), fc.string()), sourceArb, { maxKeys: 4 })),
        refresh: maybe(fc.constantFrom("deploy", "1h", "15m", "1h30m"), "hourly", "0s"),
        secretName: maybe(fc.constant("api-env"), "Api_Env"),
      },
      { requiredKeys: ["name", "namespace", "env"] },
    ) },
    { weight: 1, arbitrary: fc.anything() },
  );

  it("either resolve to a valid ExternalSecret or fail with an EskitError whose every problem names a field path", () => {
    fc.assert(
      fc.property(bindingArb, (spec) => {
        const result = resultOrEskitError(() => resolveBinding(spec as BindingSpec, access));
        if (result instanceof EskitError) return expectProblemsNameFields(result, BINDING_FIELDS);
        expect(result.name).toMatch(DNS1123_LABEL);
        expect(result.name.length).toBeLessThanOrEqual(63);
        expect(buildExternalSecret(result).metadata.name).toBe(result.name);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("derived names", () => {
  const anyText = fc.oneof(fc.string(), fc.string({ unit: "binary", maxLength: 90 }), fc.stringMatching(/^[a-z0-9-]{0,80}$/));

  it("kubeName is always a DNS-1123 label within its length", () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 4 }), fc.integer({ min: 11, max: 253 }), (parts, max) => {
        const name = kubeName(parts, max);
        expect(name.length).toBeLessThanOrEqual(max);
        expect(name).toMatch(DNS1123_LABEL);
      }),
      { numRuns: RUNS },
    );
  });

  it("the GCP service account id is 6-30 characters, starting with a letter", () => {
    fc.assert(
      fc.property(anyText, (accessName) => {
        const id = gcpServiceAccountId(accessName);
        expect(id.length).toBeGreaterThanOrEqual(6);
        expect(id.length).toBeLessThanOrEqual(30);
        expect(id).toMatch(GCP_SA_ID);
      }),
      { numRuns: RUNS },
    );
  });

  it("the custom role id uses only letters, digits, _ and ., 3-64 long", () => {
    fc.assert(fc.property(anyText, (accessName) => expect(gcpCustomRoleId(accessName)).toMatch(GCP_ROLE_ID)), { numRuns: RUNS });
  });

  it("store and service account names of any access name are valid labels", () => {
    fc.assert(
      fc.property(anyText.filter((s) => s.trim() !== ""), (name) => {
        const access = resolveAccess({ name, provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" } });
        for (const n of [access.storeName, access.serviceAccountName]) {
          expect(n).toMatch(DNS1123_LABEL);
          expect(n.length).toBeLessThanOrEqual(63);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("are the same for the same input", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(kubeName([s])).toBe(kubeName([s]));
        expect(gcpServiceAccountId(s)).toBe(gcpServiceAccountId(s));
        expect(gcpCustomRoleId(s)).toBe(gcpCustomRoleId(s));
      }),
      { numRuns: RUNS },
    );
  });

  it("are distinct for distinct inputs", () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        fc.pre(a !== b);
        expect(kubeName([a])).not.toBe(kubeName([b]));
        expect(gcpServiceAccountId(a)).not.toBe(gcpServiceAccountId(b));
        expect(gcpCustomRoleId(a)).not.toBe(gcpCustomRoleId(b));
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ["stableHash of the empty string (FNV-1a 64 offset basis)", () => stableHash(""), "cbf29ce484222325"],
    ['stableHash of "a" (published FNV-1a 64 vector)', () => stableHash("a"), "af63dc4c8601ec8c"],
    ["a valid label kept as is", () => kubeName(["staging"]), "staging"],
    ["a label cleaned and hashed", () => kubeName(["Staging DB"]), "staging-db-ab40d5562a"],
    ["a long label shortened and hashed", () => kubeName(["x".repeat(70)]), `${"x".repeat(52)}-513a36f591`],
    ["a GCP service account id", () => gcpServiceAccountId("staging"), "eskit-staging"],
    ["a custom role id", () => gcpCustomRoleId("staging"), "eskit_staging_reader"],
    ["a hashed custom role id", () => gcpCustomRoleId("Team Payments"), "eskit_team_payments_reader_3e374e751a"],
  ])("keeps %s stable across runs", (_title, compute, expected) => {
    expect(compute()).toBe(expected);
  });
});

const regionArb = fc.oneof(fc.constantFrom("eu-west-3", "us-east-1", "ap-southeast-2", "cn-north-1", "cn-northwest-1", "us-gov-west-1"), fc.stringMatching(/^[a-z]{2}-[a-z]{4,9}-\d$/));
const accountArb = fc.stringMatching(/^\d{12}$/);
const validPatterns = (provider: ProviderId) =>
  fc.array(fc.stringMatching(provider === "aws-secrets-manager" ? /^[A-Za-z0-9/_+=.@-]{1,20}\*?$/ : /^(\/[A-Za-z0-9_.-]{1,8}){1,3}(\/\*|\*)?$/), { minLength: 1, maxLength: 4 }).filter((ps) => validateRestriction(provider, ps).length === 0);

describe("ARN patterns", () => {
  it("secretArns: one secretsmanager ARN per pattern, each with the -?????? suffix, in the region's partition", () => {
    fc.assert(
      fc.property(regionArb, accountArb, fc.option(validPatterns("aws-secrets-manager"), { nil: undefined }), (region, accountId, patterns) => {
        const arns = secretArns({ region, accountId }, patterns);
        const partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        expect(arns).toHaveLength(patterns ? patterns.length : 1);
        arns.forEach((arn, i) => {
          expect(arn.startsWith(`arn:${partition}:secretsmanager:${region}:${accountId}:secret:`)).toBe(true);
          const p = patterns?.[i];
          expect(arn.endsWith(p === undefined ? ":secret:*" : `:secret:${p}-??????`)).toBe(true);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("parameterArns: one ssm ARN per pattern, the leading slash dropped (never parameter//)", () => {
    fc.assert(
      fc.property(regionArb, accountArb, fc.option(validPatterns("aws-parameter-store"), { nil: undefined }), (region, accountId, patterns) => {
        const arns = parameterArns({ region, accountId }, patterns);
        expect(arns).toHaveLength(patterns ? patterns.length : 1);
        arns.forEach((arn, i) => {
          expect(arn).toMatch(new RegExp(`^arn:aws(-cn|-us-gov)?:ssm:${region}:${accountId}:parameter/[^/]`));
          expect(arn.endsWith(patterns ? patterns[i].replace(/^\//, "") : "parameter/*")).toBe(true);
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe("keyInsideRestriction agrees with the IAM simulator on the generated policy", () => {
  // Small alphabets, so that random keys often fall inside random patterns.
  const smPattern = fc.stringMatching(/^[ab/-]{1,5}[*?]?[ab]{0,2}\*?$/);
  const smKey = fc.stringMatching(/^[ab/-]{1,8}$/);
  const ssmPattern = fc.oneof(fc.stringMatching(/^(\/[ab]{1,2}){1,3}(\/\*|\*)?$/), fc.stringMatching(/^[ab]{1,3}\*?$/));
  const ssmKey = fc.oneof(fc.stringMatching(/^(\/[ab]{1,2}){1,3}$/), fc.stringMatching(/^[ab]{1,4}$/));
  const cases: { provider: ProviderId; pattern: fc.Arbitrary<string>; key: fc.Arbitrary<string>; action: string; arn: (key: string) => string }[] = [
    { provider: "aws-secrets-manager", pattern: smPattern, key: smKey, action: "secretsmanager:GetSecretValue", arn: (k) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${k}-${randomSuffix()}` },
    { provider: "aws-parameter-store", pattern: ssmPattern, key: ssmKey, action: "ssm:GetParameter", arn: (k) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${k.replace(/^\//, "")}` },
  ];

  it.each(cases)("for $provider", async ({ provider, pattern, key, action, arn }) => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(pattern, { minLength: 1, maxLength: 3 }), fc.array(key, { minLength: 1, maxLength: 4 }), async (patterns, keys) => {
        fc.pre(validateRestriction(provider, patterns).length === 0);
        const access = resolveAccess({ name: "prop", provider, region: REGION, cluster: EKS, auth: { type: "automatic" }, restrictTo: patterns });
        const policy = buildAwsAccessPolicy(access, { region: REGION, accountId: ACCOUNT });
        for (const k of keys) {
          const decision = await simulate({ principal: ESKIT_ROLE_ARN, action, resource: arn(k) }, { identity: [policy] });
          expect({ patterns, key: k, allowed: decision === "Allowed" }).toEqual({ patterns, key: k, allowed: keyInsideRestriction(provider, patterns, k) });
        }
      }),
      { numRuns: 60 },
    );
  });
});
