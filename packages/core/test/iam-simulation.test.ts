/**
 * The IAM documents core generates, decided by an IAM simulator: what they allow, and what they must not.
 */
import {
  buildAssumeRolePolicy,
  buildAwsAccessPolicy,
  buildIrsaTrustPolicy,
  buildRequiredTrustPolicy,
  PARAMETER_STORE_LIST_ACTIONS,
  PARAMETER_STORE_READ_ACTIONS,
  resolveAccess,
  SECRETS_MANAGER_LIST_ACTIONS,
  SECRETS_MANAGER_READ_ACTIONS,
  type AccessSpec,
  type ProviderId,
} from "@eskit/core";
import { simulate, webIdentityTrustAllows, type Decision } from "../../../test/support/iam";
import { ACCOUNT, BASE_ROLE_ARN, EKS, ESKIT_ROLE_ARN, ISSUER_HOST, KMS_KEY_ARN, OIDC_PROVIDER_ARN, OTHER_ACCOUNT, randomSuffix, REGION, USER_ROLE_ARN } from "./fixtures";

const PRINCIPAL = ESKIT_ROLE_ARN;
const LOC = { region: REGION, accountId: ACCOUNT };

/** ARN of a secret/parameter named `name` (Secrets Manager ARNs get a random 6-character suffix, as AWS does). */
function arnOf(provider: ProviderId, name: string, region = REGION, account = ACCOUNT): string {
  return provider === "aws-secrets-manager"
    ? `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${randomSuffix()}`
    : `arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, "")}`;
}

function policyFor(provider: ProviderId, extra: Partial<AccessSpec> = {}) {
  const access = resolveAccess({ name: "staging", provider, region: REGION, cluster: EKS, auth: { type: "automatic" }, ...extra } as AccessSpec);
  return buildAwsAccessPolicy(access, LOC);
}

interface ProviderCase {
  readonly provider: ProviderId;
  readonly restrictTo: readonly string[];
  readonly inside: readonly string[];
  readonly outside: readonly string[];
  readonly reads: readonly string[];
  readonly lists: readonly string[];
  readonly writes: readonly string[];
}

const PROVIDER_CASES: readonly ProviderCase[] = [
  {
    provider: "aws-secrets-manager",
    restrictTo: ["staging/*", "prod-db", "team-*"],
    inside: ["staging/db", "staging/deep/nested", "prod-db", "team-a", "team-api/key"],
    // "team": its ARN secret:team-AbC123 would match a bare secret:team-* (hence the -?????? on every pattern).
    outside: ["production/db", "stagingx/db", "prod-db2", "prod", "other/staging/db", "team", "staging"],
    reads: SECRETS_MANAGER_READ_ACTIONS,
    lists: SECRETS_MANAGER_LIST_ACTIONS,
    writes: ["secretsmanager:PutSecretValue", "secretsmanager:DeleteSecret", "secretsmanager:UpdateSecret"],
  },
  {
    provider: "aws-parameter-store",
    restrictTo: ["/app/prod/*", "/exact/param", "shared*"],
    inside: ["/app/prod/db", "/app/prod/deep/x", "/exact/param", "shared-token"],
    outside: ["/app/dev/db", "/app/prod", "/exact/param2", "/exact", "other"],
    reads: PARAMETER_STORE_READ_ACTIONS,
    lists: PARAMETER_STORE_LIST_ACTIONS,
    writes: ["ssm:PutParameter", "ssm:DeleteParameter", "ssm:LabelParameterVersion"],
  },
];

const cross = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));

describe.each(PROVIDER_CASES)("the $provider access policy restricted to $restrictTo", ({ provider, restrictTo, inside, outside, reads, lists, writes }) => {
  const policy = policyFor(provider, { restrictTo });
  const decide = (action: string, resource: string) => simulate({ principal: PRINCIPAL, action, resource }, { identity: [policy] });

  it.each(cross(reads, inside))("allows %s on %s (inside the restriction)", async (action, name) => {
    expect(await decide(action, arnOf(provider, name))).toBe<Decision>("Allowed");
  });

  it.each(cross(reads, outside))("denies %s on %s (outside the restriction)", async (action, name) => {
    expect(await decide(action, arnOf(provider, name))).toBe<Decision>("ImplicitlyDenied");
  });

  it.each(lists)('allows the list action %s on "*"', async (action) => {
    expect(await decide(action, "*")).toBe<Decision>("Allowed");
  });

  it.each(cross(writes, inside.slice(0, 2)))("denies the write %s even on %s", async (action, name) => {
    expect(await decide(action, arnOf(provider, name))).toBe<Decision>("ImplicitlyDenied");
  });
});

describe.each(PROVIDER_CASES)("the unrestricted $provider access policy", ({ provider, reads }) => {
  const policy = policyFor(provider);
  /** The other account lets the principal in through a resource policy, so only our identity policy decides. */
  const openResourcePolicy = (resource: string) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: PRINCIPAL }, Action: provider === "aws-secrets-manager" ? "secretsmanager:*" : "ssm:*", Resource: resource }],
  });

  it.each(reads)("allows %s on any secret of the account and region", async (action) => {
    expect(await simulate({ principal: PRINCIPAL, action, resource: arnOf(provider, "anything/at-all") }, { identity: [policy] })).toBe<Decision>("Allowed");
  });

  it.each(reads)("denies %s on a secret of another region", async (action) => {
    expect(await simulate({ principal: PRINCIPAL, action, resource: arnOf(provider, "anything", "us-east-1") }, { identity: [policy] })).toBe<Decision>("ImplicitlyDenied");
  });

  it.each(reads)("denies %s on a secret of another account, even one whose policy lets the principal in", async (action) => {
    const resource = arnOf(provider, "anything", REGION, OTHER_ACCOUNT);
    const resourcePolicy = provider === "aws-secrets-manager" ? openResourcePolicy(resource) : undefined;
    expect(await simulate({ principal: PRINCIPAL, action, resource }, { identity: [policy], resource: resourcePolicy })).toBe<Decision>("ImplicitlyDenied");
  });

  if (provider === "aws-secrets-manager") {
    it("would allow that cross-account read with a wide-open identity policy (control: the denial above is ours)", async () => {
      const resource = arnOf(provider, "anything", REGION, OTHER_ACCOUNT);
      const wide = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }] };
      expect(await simulate({ principal: PRINCIPAL, action: "secretsmanager:GetSecretValue", resource }, { identity: [wide], resource: openResourcePolicy(resource) })).toBe<Decision>("Allowed");
    });
  }
});

describe("the KMS statement", () => {
  /** The key policy delegates to IAM (the usual default key policy); the identity policy decides. */
  const keyPolicy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] };
  const rows: { provider: ProviderId; key: string; viaService?: string; expected: Decision }[] = [
    { provider: "aws-secrets-manager", key: KMS_KEY_ARN, viaService: `secretsmanager.${REGION}.amazonaws.com`, expected: "Allowed" },
    { provider: "aws-secrets-manager", key: KMS_KEY_ARN, viaService: undefined, expected: "ImplicitlyDenied" },
    { provider: "aws-secrets-manager", key: KMS_KEY_ARN, viaService: `ssm.${REGION}.amazonaws.com`, expected: "ImplicitlyDenied" },
    { provider: "aws-secrets-manager", key: KMS_KEY_ARN, viaService: "secretsmanager.us-east-1.amazonaws.com", expected: "ImplicitlyDenied" },
    { provider: "aws-secrets-manager", key: KMS_KEY_ARN.replace("1234abcd", "9999abcd"), viaService: `secretsmanager.${REGION}.amazonaws.com`, expected: "ImplicitlyDenied" },
    { provider: "aws-parameter-store", key: KMS_KEY_ARN, viaService: `ssm.${REGION}.amazonaws.com`, expected: "Allowed" },
    { provider: "aws-parameter-store", key: KMS_KEY_ARN, viaService: undefined, expected: "ImplicitlyDenied" },
    { provider: "aws-parameter-store", key: KMS_KEY_ARN, viaService: `secretsmanager.${REGION}.amazonaws.com`, expected: "ImplicitlyDenied" },
  ];

  it.each(rows)("$provider: kms:Decrypt via $viaService on the key -> $expected", async ({ provider, key, viaService, expected }) => {
    const policy = policyFor(provider, { kmsKeyArns: [KMS_KEY_ARN] });
    const context: Record<string, string> = viaService ? { "kms:ViaService": viaService } : {};
    expect(await simulate({ principal: PRINCIPAL, action: "kms:Decrypt", resource: key, context }, { identity: [policy], resource: keyPolicy })).toBe(expected);
  });
});

describe("the IRSA trust policy", () => {
  const access = resolveAccess({ name: "staging", provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" } });
  const trust = buildIrsaTrustPolicy({ oidcProviderArn: OIDC_PROVIDER_ARN, oidcIssuerUrl: `https://${ISSUER_HOST}`, namespace: access.namespace, serviceAccountName: access.serviceAccountName });
  const sub = (ns: string, sa: string) => ({ [`${ISSUER_HOST}:sub`]: `system:serviceaccount:${ns}:${sa}` });
  const aud = { [`${ISSUER_HOST}:aud`]: "sts.amazonaws.com" };
  const rows: { title: string; provider: string; claims: Record<string, string>; allowed: boolean }[] = [
    { title: "the access's service account with audience sts", provider: OIDC_PROVIDER_ARN, claims: { ...sub("external-secrets", "eskit-staging"), ...aud }, allowed: true },
    { title: "another service account of the same namespace", provider: OIDC_PROVIDER_ARN, claims: { ...sub("external-secrets", "eskit-other"), ...aud }, allowed: false },
    { title: "the same name in another namespace", provider: OIDC_PROVIDER_ARN, claims: { ...sub("default", "eskit-staging"), ...aud }, allowed: false },
    { title: "another audience", provider: OIDC_PROVIDER_ARN, claims: { ...sub("external-secrets", "eskit-staging"), [`${ISSUER_HOST}:aud`]: "other" }, allowed: false },
    { title: "no audience claim", provider: OIDC_PROVIDER_ARN, claims: sub("external-secrets", "eskit-staging"), allowed: false },
    { title: "another cluster's OIDC provider", provider: OIDC_PROVIDER_ARN.replace("EXAMPLED539", "OTHERCLUSTR"), claims: { ...sub("external-secrets", "eskit-staging"), ...aud }, allowed: false },
  ];

  it.each(rows)("lets $title assume the role: $allowed", async ({ provider, claims, allowed }) => {
    expect(await webIdentityTrustAllows(trust, ESKIT_ROLE_ARN, provider, claims)).toBe(allowed);
  });

  const directRows = [
    { title: "in the cluster's account", roleArn: `arn:aws:iam::${ACCOUNT}:role/app-secrets`, provider: OIDC_PROVIDER_ARN },
    { title: "in another account (the issuer registered there)", roleArn: USER_ROLE_ARN, provider: OIDC_PROVIDER_ARN.replace(ACCOUNT, OTHER_ACCOUNT) },
  ];
  it.each(directRows)("is the trust a role-direct user's role $title needs, for that access's service account only", async ({ roleArn, provider }) => {
    const direct = resolveAccess({ name: "direct", provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "role", roleArn } });
    const required = buildRequiredTrustPolicy(direct, { oidcProviderArn: OIDC_PROVIDER_ARN, oidcIssuerUrl: `https://${ISSUER_HOST}` });
    expect(await webIdentityTrustAllows(required, roleArn, provider, { ...sub("external-secrets", "eskit-direct"), ...aud })).toBe(true);
    expect(await webIdentityTrustAllows(required, roleArn, provider, { ...sub("external-secrets", "eskit-staging"), ...aud })).toBe(false);
  });
});

describe("the assumed-role trust (role-assume)", () => {
  const baseIdentity = buildAssumeRolePolicy(USER_ROLE_ARN);
  const requiredTrust = (externalId?: string) =>
    buildRequiredTrustPolicy(
      resolveAccess({ name: "assumed", provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "role", roleArn: USER_ROLE_ARN, assume: true, ...(externalId ? { externalId } : {}) } }),
      { oidcProviderArn: OIDC_PROVIDER_ARN, oidcIssuerUrl: `https://${ISSUER_HOST}`, baseRoleArn: BASE_ROLE_ARN },
    );
  const rows: { title: string; externalId?: string; principal: string; context: Record<string, string>; expected: Decision }[] = [
    { title: "the base role, no externalId required", principal: BASE_ROLE_ARN, context: {}, expected: "Allowed" },
    { title: "another role, no externalId required", principal: `arn:aws:iam::${ACCOUNT}:role/intruder`, context: {}, expected: "ImplicitlyDenied" },
    { title: "the base role with the right externalId", externalId: "eskit-ext-42", principal: BASE_ROLE_ARN, context: { "sts:ExternalId": "eskit-ext-42" }, expected: "Allowed" },
    { title: "the base role without the externalId", externalId: "eskit-ext-42", principal: BASE_ROLE_ARN, context: {}, expected: "ImplicitlyDenied" },
    { title: "the base role with a wrong externalId", externalId: "eskit-ext-42", principal: BASE_ROLE_ARN, context: { "sts:ExternalId": "guess" }, expected: "ImplicitlyDenied" },
    { title: "another role with the right externalId", externalId: "eskit-ext-42", principal: `arn:aws:iam::${ACCOUNT}:role/intruder`, context: { "sts:ExternalId": "eskit-ext-42" }, expected: "ImplicitlyDenied" },
  ];

  it.each(rows)("sts:AssumeRole of the user's role by $title -> $expected", async ({ externalId, principal, context, expected }) => {
    const identity = principal === BASE_ROLE_ARN ? [baseIdentity] : [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] }];
    expect(await simulate({ principal, action: "sts:AssumeRole", resource: USER_ROLE_ARN, context }, { identity, resource: requiredTrust(externalId) })).toBe(expected);
  });

  it("lets the base identity assume only the user's role", async () => {
    const openTrust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: BASE_ROLE_ARN }, Action: "sts:AssumeRole" }] };
    const other = `arn:aws:iam::${OTHER_ACCOUNT}:role/other`;
    expect(await simulate({ principal: BASE_ROLE_ARN, action: "sts:AssumeRole", resource: other }, { identity: [baseIdentity], resource: openTrust })).toBe<Decision>("ImplicitlyDenied");
    expect(await simulate({ principal: BASE_ROLE_ARN, action: "sts:AssumeRole", resource: USER_ROLE_ARN }, { identity: [baseIdentity], resource: openTrust })).toBe<Decision>("Allowed");
  });
});
