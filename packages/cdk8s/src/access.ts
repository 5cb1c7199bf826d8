/** A Secret Manager Access as manifests: its ServiceAccount and ClusterSecretStore, and what its cloud identity needs. */
import type { ApiObject } from "cdk8s";
import {
  REDACTED,
  accessMode,
  buildAssumeRolePolicy,
  buildAwsAccessPolicy,
  buildClusterSecretStore,
  buildGcpRoleGrants,
  buildIrsaTrustPolicy,
  buildRequiredTrustPolicy,
  buildServiceAccount,
  isProviderId,
  resolveAccess,
  syntax,
  throwIfProblems,
  validateAccess,
  workloadIdentityMember,
  type AccessMode,
  type AccessSpec,
  type AutomaticAuthSpec,
  type ExistingSecretRef,
  type GcpRoleGrant,
  type PolicyDocument,
  type Problem,
  type ResolvedAccess,
  type RoleAuthSpec,
} from "@eskit/core";
import { Construct } from "constructs";
import { renderObject } from "./objects";
import type { ExternalSecretsOperator } from "./operator";

/** Static authentication in cdk8s: only a reference to a Kubernetes Secret created out of band. */
export interface Cdk8sStaticAuthSpec {
  readonly type: "static";
  /** Name of an existing Secret holding the credentials, or its full reference (namespace, keys). */
  readonly existingSecret: string | ExistingSecretRef;
}

/** How ESO authenticates, as cdk8s accepts it (no credential values, no provisioning). */
export type Cdk8sAuthSpec = AutomaticAuthSpec | RoleAuthSpec | Cdk8sStaticAuthSpec;

/** Props of `SecretManagerAccess`: core's `AccessSpec` plus the cloud identity, which cdk8s is given rather than creates. */
export interface SecretManagerAccessProps extends Omit<AccessSpec, "name" | "auth"> {
  /** Access name; the ClusterSecretStore is named after it. @default the construct id */
  readonly name?: string;
  /** How ESO authenticates. */
  readonly auth: Cdk8sAuthSpec;
  /**
   * IAM role ESO's service account uses through IRSA: the access's role (`automatic` on EKS), or the
   * base role that assumes `auth.roleArn` (`role` with `assume`). Not used otherwise.
   * @default none (required in those two modes)
   */
  readonly roleArn?: string;
  /** GCP service account ESO impersonates (`automatic` on GKE). @default none (required in that mode) */
  readonly gcpServiceAccountEmail?: string;
  /** The operator: orders the objects after it (cdk8s dependency; Argo CD sync waves). @default no ordering */
  readonly operator?: ExternalSecretsOperator;
}

const CREDENTIAL_FIELDS = ["accessKeyId", "secretAccessKey", "credentialsJson"] as const;
const OUT_OF_BAND = 'Create the Kubernetes Secret out of band (e.g. with sealed-secrets or SOPS) and pass auth: { type: "static", existingSecret: "<its name>" }.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Problems only cdk8s has with static auth, and the auth core should validate (credential fields removed). */
function cdk8sStaticAuth(auth: Record<string, unknown>): { problems: Problem[]; auth: AccessSpec["auth"]; hasCredentialFields: boolean } {
  const problems: Problem[] = [];
  for (const field of CREDENTIAL_FIELDS) {
    if (auth[field] === undefined) continue;
    problems.push({ path: `auth.${field}`, value: REDACTED, message: "cdk8s never holds credentials: the value would be written in plain text to the synthesized YAML", fix: OUT_OF_BAND });
  }
  if (auth.create !== undefined) {
    problems.push({ path: "auth.create", value: auth.create, message: "cdk8s does not provision cloud credentials", fix: `${OUT_OF_BAND} (@eskit/pulumi can create them.)` });
  }
  const ref = auth.existingSecret;
  const existingSecret = typeof ref === "string" ? { name: ref } : (ref as ExistingSecretRef | undefined);
  return { problems, auth: { type: "static", ...(existingSecret !== undefined ? { existingSecret } : {}) }, hasCredentialFields: problems.length > 0 };
}

function identityProblems(spec: AccessSpec, props: SecretManagerAccessProps): Problem[] {
  if (!isProviderId(spec.provider) || !isRecord(spec.auth) || !isRecord(spec.cluster)) return [];
  const mode = accessMode(spec);
  const problems: Problem[] = [];
  const check = (path: "roleArn" | "gcpServiceAccountEmail", wanted: boolean, rule: syntax.SyntaxRule, fix: string): void => {
    const value = props[path];
    if (!wanted) {
      if (value !== undefined) problems.push({ path, value, message: `does not apply to ${mode} authentication`, fix: `Remove ${path}.` });
    } else if (value === undefined || value === "") {
      problems.push({ path, message: `is required for ${mode} authentication: cdk8s does not create cloud identities`, fix });
    } else if (typeof value !== "string" || !rule.test(value)) {
      problems.push({ path, value, message: "is not valid", fix: `Use ${rule.expected}.` });
    }
  };
  check(
    "roleArn",
    mode === "irsa" || mode === "role-assume",
    syntax.ROLE_ARN,
    mode === "irsa"
      ? "Create the IAM role with your cloud tooling (trust: this construct's trustPolicy; permissions: its iamPolicy) and pass its ARN as roleArn."
      : "Pass the base role ESO's service account uses through IRSA (trust: baseRoleTrustPolicy; permissions: baseRolePolicy); it assumes auth.roleArn.",
  );
  check(
    "gcpServiceAccountEmail",
    mode === "gke-workload-identity",
    syntax.GCP_SERVICE_ACCOUNT_EMAIL,
    "Create the GCP service account with your cloud tooling, grant it gcpRoles and roles/iam.workloadIdentityUser to workloadIdentityMember, and pass its email as gcpServiceAccountEmail.",
  );
  return problems;
}

/** Validates props like core does (every problem at once, same messages) and returns the core spec. */
function toAccessSpec(name: string, props: SecretManagerAccessProps): AccessSpec {
  const { name: _name, auth: rawAuth, roleArn: _roleArn, gcpServiceAccountEmail: _email, operator: _operator, ...rest } = props;
  let auth = rawAuth as AccessSpec["auth"];
  const problems: Problem[] = [];
  let replaceMissing = false;
  if (isRecord(rawAuth) && rawAuth.type === "static") {
    const statics = cdk8sStaticAuth(rawAuth as unknown as Record<string, unknown>);
    problems.push(...statics.problems);
    auth = statics.auth;
    replaceMissing = true;
    if (!statics.hasCredentialFields && !("existingSecret" in auth)) {
      problems.push({ path: "auth.existingSecret", message: "is required: cdk8s takes static credentials only from an existing Kubernetes Secret", fix: OUT_OF_BAND });
    }
  }
  const spec = { ...rest, name, auth } as AccessSpec;
  const core = validateAccess(spec).filter((p) => !(replaceMissing && p.path === "auth" && p.message === "static authentication needs credentials"));
  throwIfProblems(`Invalid Secret Manager Access "${name}"`, [...problems, ...core, ...identityProblems(spec, props)]);
  return spec;
}

/**
 * A Secret Manager Access: the ServiceAccount and ClusterSecretStore of one provider and one
 * authentication, rendered from `@eskit/core`. The cloud identity is given (`roleArn`,
 * `gcpServiceAccountEmail`); what it needs is exposed (`iamPolicy`, `trustPolicy`, `gcpRoles`, `workloadIdentityMember`).
 */
export class SecretManagerAccess extends Construct {
  /** The validated access and its derived names. */
  readonly resolved: ResolvedAccess;
  /** Authentication mode. */
  readonly mode: AccessMode;
  /** ClusterSecretStore name (what bindings reference). */
  readonly storeName: string;
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Kubernetes service account of the access. */
  readonly serviceAccountName: string;
  /** The operator the access is ordered after, when given. */
  readonly operator?: ExternalSecretsOperator;
  /** The ServiceAccount object. */
  readonly serviceAccount: ApiObject;
  /** The ClusterSecretStore object. */
  readonly store: ApiObject;
  /** Least-privilege identity policy (AWS providers, when the account is known: `accountId`, the role's account, or roleArn's). */
  readonly iamPolicy?: PolicyDocument;
  /** Trust policy of the role ESO uses: IRSA trust (automatic, role direct), or the trust `auth.roleArn` needs (role assume). EKS only. */
  readonly trustPolicy?: PolicyDocument;
  /** Role assume mode: the IRSA trust policy of the base role (`roleArn`). */
  readonly baseRoleTrustPolicy?: PolicyDocument;
  /** Role assume mode: the base role's policy (it may only assume `auth.roleArn`). */
  readonly baseRolePolicy?: PolicyDocument;
  /** Project-level grants, with the restriction's condition (GCP provider, when `projectNumber` is given). */
  readonly gcpRoles?: readonly GcpRoleGrant[];
  /** Workload Identity member of the service account (automatic on GKE). */
  readonly workloadIdentityMember?: string;

  constructor(scope: Construct, id: string, props: SecretManagerAccessProps) {
    super(scope, id);
    const spec = toAccessSpec(props.name ?? id, props);
    const access = resolveAccess(spec);
    this.resolved = access;
    this.mode = access.mode;
    this.storeName = access.storeName;
    this.namespace = access.namespace;
    this.serviceAccountName = access.serviceAccountName;
    this.operator = props.operator;

    const identity = { roleArn: props.roleArn, gcpServiceAccountEmail: props.gcpServiceAccountEmail };
    this.serviceAccount = renderObject(this, "ServiceAccount", buildServiceAccount(access, identity), { annotations: props.operator?.syncAnnotations("access", false) });
    this.store = renderObject(this, "ClusterSecretStore", buildClusterSecretStore(access), { clusterScoped: true, annotations: props.operator?.syncAnnotations("access", true) });
    if (props.operator) this.node.addDependency(props.operator);

    const cluster = spec.cluster;
    if (access.provider.cloud === "aws") {
      const accountId = access.accountId ?? (props.roleArn ? syntax.arnAccount(props.roleArn) : undefined);
      if (spec.region && accountId) this.iamPolicy = buildAwsAccessPolicy(access, { region: spec.region, accountId });
    }
    if (cluster.cloud === "aws" && access.provider.cloud === "aws") {
      this.trustPolicy = buildRequiredTrustPolicy(access, { ...cluster, baseRoleArn: props.roleArn });
      if (access.mode === "role-assume" && spec.auth.type === "role") {
        this.baseRoleTrustPolicy = buildIrsaTrustPolicy({ ...cluster, namespace: access.namespace, serviceAccountName: access.serviceAccountName });
        this.baseRolePolicy = buildAssumeRolePolicy(spec.auth.roleArn);
      }
    }
    if (access.provider.cloud === "gcp" && spec.projectNumber) this.gcpRoles = buildGcpRoleGrants(access, spec.projectNumber);
    if (access.mode === "gke-workload-identity" && cluster.cloud === "gcp") {
      this.workloadIdentityMember = workloadIdentityMember(cluster.project, access.namespace, access.serviceAccountName);
    }
  }
}
