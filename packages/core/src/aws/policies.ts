/** Least-privilege IAM documents for AWS Secrets Manager and Parameter Store, and the trust policies around them. */
import type { ResolvedAccess } from "../access";
import { isUnrestricted } from "../restriction";
import { arnAccount, awsDnsSuffix, awsPartition } from "../validation/syntax";

/** An IAM policy statement. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** Read actions of Secrets Manager, granted on the restricted secret ARNs. */
export const SECRETS_MANAGER_READ_ACTIONS = [
  "secretsmanager:GetResourcePolicy",
  "secretsmanager:GetSecretValue",
  "secretsmanager:DescribeSecret",
  "secretsmanager:ListSecretVersionIds",
] as const;
/** List actions of Secrets Manager, granted on "*" (they support no resource-level restriction). */
export const SECRETS_MANAGER_LIST_ACTIONS = ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"] as const;
/** Read actions of Parameter Store, granted on the restricted parameter ARNs. */
export const PARAMETER_STORE_READ_ACTIONS = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"] as const;
/** List action of Parameter Store, granted on "*". */
export const PARAMETER_STORE_LIST_ACTIONS = ["ssm:DescribeParameters"] as const;

/** Where the secrets are: partition, region, account. */
export interface AwsLocation {
  /** AWS region of the secrets. */
  readonly region: string;
  /** AWS account id owning the secrets. */
  readonly accountId: string;
}

/**
 * Secrets Manager ARN patterns for a restriction: every pattern gets the 6-character suffix `-??????`
 * (`staging/*` -> `secret:staging/*-??????`), so an ARN matches exactly when its secret's name matches the
 * pattern. Without it, `prod-*` would also grant the secret named `prod` (ARN `secret:prod-AbC123`).
 */
export function secretArns(loc: AwsLocation, restrictTo: readonly string[] | undefined): string[] {
  const base = `arn:${awsPartition(loc.region)}:secretsmanager:${loc.region}:${loc.accountId}:secret:`;
  if (isUnrestricted(restrictTo)) return [`${base}*`];
  return (restrictTo ?? []).map((p) => `${base}${p}-??????`);
}

/** Parameter Store ARN patterns for a restriction: the leading slash of a name is dropped. */
export function parameterArns(loc: AwsLocation, restrictTo: readonly string[] | undefined): string[] {
  const base = `arn:${awsPartition(loc.region)}:ssm:${loc.region}:${loc.accountId}:parameter/`;
  if (isUnrestricted(restrictTo)) return [`${base}*`];
  return (restrictTo ?? []).map((p) => `${base}${p.replace(/^\//, "")}`);
}

/** The identity policy an access needs: reads on restricted ARNs, listing on "*", KMS through the service. */
export function buildAwsAccessPolicy(access: ResolvedAccess, loc: AwsLocation): PolicyDocument {
  const { spec } = access;
  const sm = spec.provider === "aws-secrets-manager";
  const reads = [...(sm ? SECRETS_MANAGER_READ_ACTIONS : PARAMETER_STORE_READ_ACTIONS), ...(spec.additionalActions ?? [])];
  const statements: PolicyStatement[] = [
    { Sid: sm ? "ReadSecrets" : "ReadParameters", Effect: "Allow", Action: reads, Resource: sm ? secretArns(loc, spec.restrictTo) : parameterArns(loc, spec.restrictTo) },
    { Sid: sm ? "ListSecrets" : "ListParameters", Effect: "Allow", Action: [...(sm ? SECRETS_MANAGER_LIST_ACTIONS : PARAMETER_STORE_LIST_ACTIONS)], Resource: "*" },
  ];
  if (spec.kmsKeyArns && spec.kmsKeyArns.length > 0) {
    statements.push({
      Sid: "DecryptThroughService",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [...spec.kmsKeyArns],
      Condition: { StringEquals: { "kms:ViaService": `${sm ? "secretsmanager" : "ssm"}.${loc.region}.${awsDnsSuffix(loc.region)}` } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** What a web-identity trust needs to know about the cluster and the service account. */
export interface OidcTrustInput {
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer URL. */
  readonly oidcIssuerUrl: string;
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly serviceAccountName: string;
}

/** IRSA trust policy: only this service account of this cluster, audience sts.amazonaws.com. */
export function buildIrsaTrustPolicy(input: OidcTrustInput): PolicyDocument {
  const issuer = input.oidcIssuerUrl.replace(/^https:\/\//, "").replace(/\/$/, "");
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: input.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${input.namespace}:${input.serviceAccountName}`,
            [`${issuer}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  };
}

/** Trust policy of a role assumed from a base role, with an optional `sts:ExternalId` condition. */
export function buildAssumedRoleTrustPolicy(baseRoleArn: string, externalId?: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: baseRoleArn },
        Action: "sts:AssumeRole",
        ...(externalId ? { Condition: { StringEquals: { "sts:ExternalId": externalId } } } : {}),
      },
    ],
  };
}

/** Policy of the base identity in role-assume mode: it may only assume the user's role. */
export function buildAssumeRolePolicy(roleArn: string): PolicyDocument {
  return { Version: "2012-10-17", Statement: [{ Sid: "AssumeSecretsRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }] };
}

/**
 * The trust policy the user's role needs (role auth): direct OIDC trust of the access's service account,
 * or assumption from the base role (`baseRoleArn`, required in role-assume mode). In direct mode the
 * federated principal is the cluster's OIDC provider as registered in the role's own account (the
 * cluster's ARN when the role lives in the cluster's account).
 */
export function buildRequiredTrustPolicy(access: ResolvedAccess, input: { readonly oidcProviderArn: string; readonly oidcIssuerUrl: string; readonly baseRoleArn?: string }): PolicyDocument {
  const auth = access.spec.auth;
  if (access.mode === "role-assume" && auth.type === "role") {
    if (!input.baseRoleArn) throw new Error("buildRequiredTrustPolicy: baseRoleArn is required in role-assume mode");
    return buildAssumedRoleTrustPolicy(input.baseRoleArn, auth.externalId);
  }
  // A role trusts only an OIDC provider registered in its own account: a role in another account than the
  // cluster's needs the same issuer registered there (EKS cross-account IRSA), so name that provider.
  const roleAccount = auth.type === "role" ? arnAccount(auth.roleArn) : undefined;
  const oidcProviderArn = roleAccount ? input.oidcProviderArn.replace(/^(arn:[^:]+:iam::)\d{12}:/, `$1${roleAccount}:`) : input.oidcProviderArn;
  return buildIrsaTrustPolicy({ ...input, oidcProviderArn, namespace: access.namespace, serviceAccountName: access.serviceAccountName });
}
