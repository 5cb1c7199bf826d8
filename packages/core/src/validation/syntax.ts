/** Syntax rules for every identifier eskit accepts, as predicates with the rule spelled out for messages. */

/** A syntax rule: a predicate plus the text that tells the user what a valid value looks like. */
export interface SyntaxRule {
  /** True when the value satisfies the rule. */
  test(value: string): boolean;
  /** What a valid value looks like, with an example. */
  readonly expected: string;
}

function regexRule(re: RegExp, expected: string, maxLength = Infinity): SyntaxRule {
  return { test: (v) => v.length <= maxLength && re.test(v), expected };
}

const PARTITION = "aws|aws-cn|aws-us-gov";

/** AWS region, e.g. `eu-west-3`, `us-gov-west-1`, `cn-north-1`. */
export const AWS_REGION = regexRule(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/, 'an AWS region such as "eu-west-3"');
/** 12-digit AWS account id. */
export const AWS_ACCOUNT_ID = regexRule(/^\d{12}$/, 'a 12-digit AWS account id such as "123456789012"');
/** IAM role ARN (with optional path). */
export const ROLE_ARN = regexRule(
  new RegExp(`^arn:(${PARTITION}):iam::\\d{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`),
  'an IAM role ARN such as "arn:aws:iam::123456789012:role/app-secrets"',
);
/** IAM OIDC provider ARN of an EKS cluster. */
export const OIDC_PROVIDER_ARN = regexRule(
  new RegExp(`^arn:(${PARTITION}):iam::\\d{12}:oidc-provider/[A-Za-z0-9.-]+(/[A-Za-z0-9._-]+)*$`),
  'an IAM OIDC provider ARN such as "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"',
);
/** OIDC issuer URL of an EKS cluster (https, no trailing slash). */
export const OIDC_ISSUER_URL = regexRule(
  /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._-]+)*$/,
  'the cluster\'s OIDC issuer URL such as "https://oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE" (https, no trailing slash)',
);
/** KMS key ARN (key id or multi-Region key id; aliases are not accepted by kms:Decrypt authorization). */
export const KMS_KEY_ARN = regexRule(
  new RegExp(`^arn:(${PARTITION}):kms:[a-z0-9-]+:\\d{12}:key/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`),
  'a KMS key ARN such as "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" (not an alias ARN)',
);
/** `sts:ExternalId` value. */
export const EXTERNAL_ID = regexRule(/^[\w+=,.@:/-]{2,1224}$/, "2 to 1224 characters among letters, digits and +=,.@:/-_");
/** GCP project id. */
export const GCP_PROJECT_ID = regexRule(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a GCP project id such as "acme-prod-42" (6-30 lowercase letters, digits, hyphens)');
/** GCP project number. */
export const GCP_PROJECT_NUMBER = regexRule(/^[1-9]\d{5,18}$/, 'a GCP project number such as "123456789012" (digits; `gcloud projects describe PROJECT --format="value(projectNumber)"`)');
/** GCP region or zone, e.g. `europe-west1` or `europe-west1-b`. */
export const GCP_LOCATION = regexRule(/^[a-z]+-[a-z]+\d{1,2}(-[a-z])?$/, 'a GCP region or zone such as "europe-west1" or "europe-west1-b"');
/** GCP region only (regional secrets), e.g. `europe-west1`. */
export const GCP_REGION = regexRule(/^[a-z]+-[a-z]+\d{1,2}$/, 'a GCP region such as "europe-west1"');
/** GKE cluster name. */
export const GKE_CLUSTER_NAME = regexRule(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/, 'a GKE cluster name such as "prod-cluster" (1-40 lowercase letters, digits, hyphens)');
/** GCP service account email. */
export const GCP_SERVICE_ACCOUNT_EMAIL = regexRule(
  /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/,
  'a GCP service account email such as "eso@acme-prod-42.iam.gserviceaccount.com"',
);
/** Environment variable name. */
export const ENV_VAR_NAME = regexRule(/^[A-Za-z_][A-Za-z0-9_]*$/, "a name matching ^[A-Za-z_][A-Za-z0-9_]*$ such as DB_PASSWORD");
/** Kubernetes DNS-1123 label (namespaces, most object names here). */
export const DNS1123_LABEL = regexRule(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a DNS-1123 label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit', 63);
/** Kubernetes DNS-1123 subdomain (Secret names). */
export const DNS1123_SUBDOMAIN = regexRule(
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  'a DNS-1123 subdomain: at most 253 lowercase letters, digits, "-" and "."',
  253,
);
/** Key inside a Kubernetes Secret. */
export const SECRET_DATA_KEY = regexRule(/^[-._a-zA-Z0-9]+$/, 'a Secret key of letters, digits, "-", "_" and "."', 253);
/** Go duration accepted by ESO's refreshInterval, e.g. `1h`, `15m`, `1h30m`. */
export const GO_DURATION = regexRule(/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/, 'a duration such as "1h", "15m" or "1h30m", or "deploy"');

/** The AWS partition of a region (`aws`, `aws-cn` or `aws-us-gov`). */
export function awsPartition(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The DNS suffix of AWS service endpoints in a region (for `kms:ViaService`). */
export function awsDnsSuffix(region: string): string {
  return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
}

/** Account id of an ARN, or undefined when the text is not an ARN. */
export function arnAccount(arn: string): string | undefined {
  const parts = arn.split(":");
  return parts.length >= 6 && parts[0] === "arn" ? parts[4] : undefined;
}
