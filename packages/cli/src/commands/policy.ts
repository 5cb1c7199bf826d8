/** `eskit policy`: the least-privilege IAM an access needs, from core's builders (no cloud call). */
import {
  isUnrestricted,
  EskitError,
  GCP_SECRET_VIEWER_ROLE,
  GCP_STATIC_PERMISSIONS,
  PROVIDER_IDS,
  PROVIDERS,
  buildAwsAccessPolicy,
  buildGcpRoleGrants,
  gcpCustomRoleId,
  gcpServiceAccountId,
  isProviderId,
  resolveAccess,
  type AccessSpec,
  type GcpRoleGrant,
  type PolicyDocument,
  type ProviderId,
} from "@eskit/core";
import { helpText, list, parseCommandArgs, required, str, type OptionSpecs } from "../args";
import { EXIT_OK, UsageError } from "../errors";
import type { CliIO } from "../io";

const COMMAND = "eskit policy";

/** Access name used when `--name` is not given (it only shapes GCP role and service-account ids). */
export const DEFAULT_ACCESS_NAME = "secrets";

const OPTIONS: OptionSpecs = {
  provider: { type: "string", value: "PROVIDER", description: `Where the secrets live: ${PROVIDER_IDS.join(", ")}` },
  region: { type: "string", value: "REGION", description: "AWS region of the secrets (AWS providers)" },
  account: { type: "string", value: "ACCOUNT_ID", description: "AWS account id owning the secrets (AWS providers)" },
  "kms-key": { type: "string", multiple: true, value: "ARN", description: "Customer-managed KMS key encrypting the secrets (AWS)" },
  project: { type: "string", value: "ID", description: "GCP project id of the secrets (gcp-secret-manager)" },
  "project-number": { type: "string", value: "N", description: "GCP project number (IAM conditions use it; needed with --restrict)" },
  location: { type: "string", value: "LOCATION", description: "GCP location of regional secrets (default: global secrets)" },
  restrict: { type: "string", multiple: true, value: "PATTERN", description: "Name pattern the access may read: staging/*, /app/prod/*, an exact name" },
  name: { type: "string", value: "NAME", description: `Access name, as in your program (GCP role and account ids derive from it; default "${DEFAULT_ACCESS_NAME}")` },
  json: { type: "boolean", description: "Print JSON instead of text" },
};

/** Help of `eskit policy`. */
export const POLICY_HELP = helpText(
  `${COMMAND} --provider PROVIDER (--region REGION --account ID | --project ID [--project-number N]) [options]`,
  "Print the least-privilege IAM an access needs: the AWS identity policy (read on the restricted ARNs,\n" +
    "list on *, KMS through the service), or for GCP the roles, the restriction condition and the gcloud\n" +
    "commands that create static credentials (custom role, service account, conditioned binding, key).",
  OPTIONS,
  [
    `${COMMAND} --provider aws-secrets-manager --region eu-west-3 --account 123456789012 --restrict 'staging/*'`,
    `${COMMAND} --provider aws-parameter-store --region us-east-1 --account 123456789012 --restrict '/app/prod/*' --json`,
    `${COMMAND} --provider gcp-secret-manager --project my-project --project-number 123456789012 --restrict 'staging-*'`,
  ],
);

/** Core field paths and the flags that set them, for hints after a validation error. */
const FLAG_OF: Readonly<Record<string, string>> = {
  region: "--region",
  accountId: "--account",
  kmsKeyArns: "--kms-key",
  restrictTo: "--restrict",
  project: "--project",
  projectNumber: "--project-number",
  location: "--location",
  name: "--name",
};

/** Placeholder EKS cluster: the identity policy does not depend on the cluster, but an access needs one. */
function placeholderEks(region: string, accountId: string): AccessSpec["cluster"] {
  const issuer = `oidc.eks.${/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) ? region : "us-east-1"}.amazonaws.com/id/EXAMPLE`;
  const account = /^\d{12}$/.test(accountId) ? accountId : "123456789012";
  return { cloud: "aws", oidcProviderArn: `arn:aws:iam::${account}:oidc-provider/${issuer}`, oidcIssuerUrl: `https://${issuer}` };
}

/** Validates through core; an `EskitError` becomes a usage error with core's message and the flags concerned. */
function resolve(spec: AccessSpec) {
  try {
    return resolveAccess(spec);
  } catch (error) {
    if (error instanceof EskitError) {
      const flags = [...new Set(error.problems.map((p) => FLAG_OF[p.path.replace(/\[\d+\]$/, "").split(".")[0]]).filter(Boolean))];
      throw new UsageError(error.message, flags.length > 0 ? `fix ${flags.join(", ")} (run "${COMMAND} --help" for the options)` : `run "${COMMAND} --help" for the options`);
    }
    throw error;
  }
}

/** What `eskit policy --json` prints for an AWS provider. */
export interface AwsPolicyResult {
  readonly provider: ProviderId;
  readonly policy: PolicyDocument;
}

/** The AWS identity policy for the given location and restriction, exactly as core builds it. */
export function awsPolicy(input: { provider: ProviderId; region: string; accountId: string; restrictTo?: string[]; kmsKeyArns?: string[] }): PolicyDocument {
  const access = resolve({
    name: DEFAULT_ACCESS_NAME,
    provider: input.provider,
    region: input.region,
    accountId: input.accountId,
    cluster: placeholderEks(input.region, input.accountId),
    auth: { type: "automatic" },
    ...(input.restrictTo ? { restrictTo: input.restrictTo } : {}),
    ...(input.kmsKeyArns ? { kmsKeyArns: input.kmsKeyArns } : {}),
  });
  return buildAwsAccessPolicy(access, { region: input.region, accountId: input.accountId });
}

/** What `eskit policy` computes for GCP Secret Manager. */
export interface GcpPolicyResult {
  readonly provider: "gcp-secret-manager";
  readonly project: string;
  readonly projectNumber?: string;
  /** Grants of a GKE access (Workload Identity): accessor (conditioned) + viewer. */
  readonly workloadIdentity: { readonly grants: readonly GcpRoleGrant[] };
  /** Static credentials (from EKS): custom role, service account, grants, and the gcloud commands. */
  readonly staticCredentials: {
    readonly customRole: { readonly id: string; readonly name: string; readonly permissions: readonly string[] };
    readonly serviceAccount: { readonly id: string; readonly email: string };
    readonly grants: readonly GcpRoleGrant[];
    readonly commands: readonly string[];
  };
}

/** Single-quotes a value for a POSIX shell. */
function sh(value: string): string {
  return /^[A-Za-z0-9_./:@=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The GCP roles, condition and gcloud commands of an access, from core's ids and grants. */
export function gcpPolicy(input: { project: string; projectNumber?: string; location?: string; restrictTo?: string[]; name?: string }): GcpPolicyResult {
  const name = input.name ?? DEFAULT_ACCESS_NAME;
  const common = {
    name,
    provider: "gcp-secret-manager" as const,
    project: input.project,
    ...(input.projectNumber ? { projectNumber: input.projectNumber } : {}),
    ...(input.location ? { location: input.location } : {}),
    ...(input.restrictTo ? { restrictTo: input.restrictTo } : {}),
  };
  const staticAccess = resolve({ ...common, cluster: placeholderEks("us-east-1", "123456789012"), auth: { type: "static", create: true } });
  const gkeAccess = resolve({ ...common, cluster: { cloud: "gcp", project: input.project, location: input.location ?? "europe-west1", name: "cluster" }, auth: { type: "automatic" } });
  const number = input.projectNumber ?? "PROJECT_NUMBER";
  const roleId = gcpCustomRoleId(name);
  const roleName = `projects/${input.project}/roles/${roleId}`;
  const accountId = gcpServiceAccountId(name);
  const email = `${accountId}@${input.project}.iam.gserviceaccount.com`;
  const grants = buildGcpRoleGrants(staticAccess, number, roleName);
  const member = `serviceAccount:${email}`;
  const p = sh(input.project);
  const commands: string[] = [
    `gcloud iam roles create ${roleId} --project=${p} --title=${sh(`eskit ${name} reader`)} --description=${sh(`Read the secrets of eskit access "${name}"`)} --permissions=${GCP_STATIC_PERMISSIONS.join(",")} --stage=GA`,
    `gcloud iam service-accounts create ${accountId} --project=${p} --display-name=${sh(`eskit ${name}`)}`,
  ];
  for (const grant of grants) {
    if (grant.condition) {
      commands.push(
        `cat > condition.json <<'EOF'\n${JSON.stringify(grant.condition, null, 2)}\nEOF`,
        `gcloud projects add-iam-policy-binding ${p} --member=${sh(member)} --role=${sh(grant.role)} --condition-from-file=condition.json`,
      );
    } else {
      commands.push(`gcloud projects add-iam-policy-binding ${p} --member=${sh(member)} --role=${sh(grant.role)} --condition=None`);
    }
  }
  commands.push(`gcloud iam service-accounts keys create key.json --iam-account=${sh(email)}`);
  return {
    provider: "gcp-secret-manager",
    project: input.project,
    ...(input.projectNumber ? { projectNumber: input.projectNumber } : {}),
    workloadIdentity: { grants: buildGcpRoleGrants(gkeAccess, number) },
    staticCredentials: { customRole: { id: roleId, name: roleName, permissions: [...GCP_STATIC_PERMISSIONS] }, serviceAccount: { id: accountId, email }, grants, commands },
  };
}

function describeGrant(grant: GcpRoleGrant): string[] {
  const lines = [`  ${grant.role}${grant.role === GCP_SECRET_VIEWER_ROLE ? "   (list secrets and read metadata, never values; unconditioned)" : ""}`];
  if (grant.condition) lines.push(`    condition: ${grant.condition.expression}`);
  else if (grant.role !== GCP_SECRET_VIEWER_ROLE) lines.push("    condition: none (every secret of the project)");
  return lines;
}

/** The text form of a GCP result. */
export function gcpPolicyText(r: GcpPolicyResult): string {
  const s = r.staticCredentials;
  const condition = s.grants.find((g) => g.condition)?.condition;
  const lines = [
    `# GCP Secret Manager, project ${r.project}${r.projectNumber ? ` (number ${r.projectNumber})` : ""}`,
    "",
    "Restriction condition:",
    condition ? `  title:       ${condition.title}\n  description: ${condition.description}\n  expression:  ${condition.expression}` : "  none: the access may read every secret of the project",
    "",
    "GKE (Workload Identity) roles, granted to the access's GCP service account:",
    ...r.workloadIdentity.grants.flatMap(describeGrant),
    "  roles/iam.workloadIdentityUser   (on the GCP service account, for the Kubernetes service account)",
    "",
    "Static credentials (EKS -> GCP) roles:",
    ...s.grants.flatMap(describeGrant),
    `  custom role ${s.customRole.name} permissions: ${s.customRole.permissions.join(", ")}`,
    "",
    "gcloud commands (the equivalent of `auth: { type: \"static\", create: true }`):",
    "",
    ...s.commands.map((c) => `${c}\n`),
    "Store key.json in a Kubernetes Secret (or pass it as a Pulumi secret); never commit it.",
  ];
  return `${lines.join("\n")}\n`;
}

/** Runs `eskit policy`; resolves to the exit code. */
export async function policy(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS, COMMAND);
  if (values.help) {
    io.stdout.write(POLICY_HELP);
    return EXIT_OK;
  }
  const provider = required(values, "provider", COMMAND);
  if (!isProviderId(provider)) throw new UsageError(`unknown provider ${JSON.stringify(provider)}`, `use one of ${PROVIDER_IDS.join(", ")}`);
  const restrictTo = list(values, "restrict");
  const json = values.json === true;
  if (PROVIDERS[provider].cloud === "aws") {
    for (const flag of ["project", "project-number", "location"]) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to gcp-secret-manager, not ${provider}`, "AWS secrets are located by --region and --account");
    }
    const region = required(values, "region", COMMAND, `${provider} is located by region`);
    const accountId = required(values, "account", COMMAND, "the policy names the account's ARNs");
    const doc = awsPolicy({ provider, region, accountId, restrictTo, kmsKeyArns: list(values, "kms-key") });
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT_OK;
  }
  for (const flag of ["region", "account", "kms-key"]) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to AWS providers, not ${provider}`, flag === "region" ? "use --location for regional GCP secrets" : `remove --${flag}`);
  }
  const project = required(values, "project", COMMAND, `${provider} is located by project`);
  const projectNumber = str(values, "project-number");
  if (!isUnrestricted(restrictTo) && !projectNumber) {
    throw new UsageError("missing --project-number (IAM conditions name secrets by project number)", `find it with: gcloud projects describe ${project} --format='value(projectNumber)'`);
  }
  const result = gcpPolicy({ project, projectNumber, location: str(values, "location"), restrictTo, name: str(values, "name") });
  io.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : gcpPolicyText(result));
  return EXIT_OK;
}
