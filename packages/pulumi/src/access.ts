/** A Secret Manager Access: the cloud identity, its least-privilege IAM, a ServiceAccount and a ClusterSecretStore. */
import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import { ServiceAccount } from "@pulumi/kubernetes/core/v1/serviceAccount";
import {
  isUnrestricted,
  ESO_API_VERSION,
  PROVIDERS,
  REDACTED,
  GCP_STATIC_PERMISSIONS,
  GCP_WORKLOAD_IDENTITY_USER_ROLE,
  buildAssumeRolePolicy,
  buildAwsAccessPolicy,
  buildClusterSecretStore,
  buildCredentialsSecret,
  buildCredentialsSecretShape,
  buildGcpRoleGrants,
  buildIrsaTrustPolicy,
  buildRequiredTrustPolicy,
  buildServiceAccount,
  gcpCustomRoleId,
  gcpServiceAccountId,
  isProviderId,
  resolveAccess,
  workloadIdentityMember,
  type AccessSpec,
  type AuthSpec,
  type ClusterSpec,
  type ExistingSecretRef,
  type KubeObject,
  type Problem,
  type ProviderId,
  type ResolvedAccess,
} from "@eskit/core";
import type { ExternalSecretsOperator } from "./operator";
import { isLater, peer, raising, resourceError } from "./inputs";

type Str = pulumi.Input<string>;

/** An EKS cluster (IRSA through its IAM OIDC provider). */
export interface AwsClusterArgs {
  readonly cloud: "aws";
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: Str;
  /** The cluster's OIDC issuer URL (`https://oidc.eks.REGION.amazonaws.com/id/ID`). */
  readonly oidcIssuerUrl: Str;
}

/** A GKE cluster with Workload Identity. */
export interface GcpClusterArgs {
  readonly cloud: "gcp";
  /** Project id of the cluster. */
  readonly project: Str;
  /** Region or zone of the cluster. */
  readonly location: Str;
  /** Cluster name. */
  readonly name: Str;
}

/** eskit creates the identity: an IRSA role (EKS + AWS) or a GCP service account (GKE + GCP). */
export interface AutomaticAuthArgs {
  readonly type: "automatic";
}

/** The user's IAM role (EKS + AWS): trusted directly through OIDC, or assumed from an eskit base role. */
export interface RoleAuthArgs {
  readonly type: "role";
  /** ARN of the user's role. */
  readonly roleArn: Str;
  /** `sts:ExternalId` required to assume the role (assume mode). @default none */
  readonly externalId?: Str;
  /** Assume the role from an eskit base role instead of trusting the OIDC provider directly. @default false, or true when `externalId` is set */
  readonly assume?: boolean;
}

/** An AWS access key (GKE + AWS). Pass Pulumi secrets: eskit wraps them in `pulumi.secret` anyway. */
export interface AwsKeyAuthArgs {
  readonly type: "static";
  /** Access key id. */
  readonly accessKeyId: Str;
  /** Secret access key. */
  readonly secretAccessKey: Str;
}

/** A GCP service-account key.json (EKS + GCP). Pass a Pulumi secret: eskit wraps it in `pulumi.secret` anyway. */
export interface GcpKeyAuthArgs {
  readonly type: "static";
  /** Content of the key.json file. */
  readonly credentialsJson: Str;
}

/** eskit provisions the static credentials: an IAM user + access key (AWS), or a custom role + service account + key (GCP). */
export interface CreatedCredentialsAuthArgs {
  readonly type: "static";
  readonly create: true;
  /** Change this value to rotate the key (a new key replaces the old one). @default none */
  readonly rotationTrigger?: string;
}

/** Credentials already stored in a Kubernetes Secret; eskit creates only the store pointing at it. */
export interface ExistingSecretAuthArgs {
  readonly type: "static";
  /** The Secret and its keys. */
  readonly existingSecret: ExistingSecretRef;
}

/** How ESO authenticates to the provider. */
export type AuthArgs = AutomaticAuthArgs | RoleAuthArgs | AwsKeyAuthArgs | GcpKeyAuthArgs | CreatedCredentialsAuthArgs | ExistingSecretAuthArgs;

/** Inputs of a `SecretManagerAccess`. Structural fields are plain values; identifiers may be outputs. */
export interface SecretManagerAccessArgs {
  /** The operator the store is served by; its namespace holds the access's service account. */
  readonly operator: ExternalSecretsOperator;
  /** Where the secrets live. */
  readonly provider: ProviderId;
  /** AWS region of the secrets. @default the AWS provider's region (looked up) when eskit manages IAM */
  readonly region?: Str;
  /** AWS account of the secrets. @default the role's account (role auth), else the caller's account (looked up) */
  readonly accountId?: Str;
  /** GCP project of the secrets. @default the GKE cluster's project */
  readonly project?: Str;
  /** GCP project number (IAM conditions use it). @default looked up when a restriction needs it */
  readonly projectNumber?: Str;
  /** GCP region of regional secrets. @default global secrets */
  readonly location?: Str;
  /** The cluster ESO runs in. */
  readonly cluster: AwsClusterArgs | GcpClusterArgs;
  /** How ESO authenticates. */
  readonly auth: AuthArgs;
  /** Name patterns the access may read (`staging*`, `staging/*`, exact names). @default every secret of the account/region or project */
  readonly restrictTo?: readonly string[];
  /** Customer-managed KMS keys encrypting the secrets (AWS). @default none */
  readonly kmsKeyArns?: readonly Str[];
  /** Extra IAM actions for the read statement (AWS). @default none */
  readonly additionalActions?: readonly string[];
  /** Kubernetes service account of the access. @default "eskit-<name>" */
  readonly serviceAccountName?: string;
  /** Namespaces allowed to use the store. @default every namespace */
  readonly allowedNamespaces?: readonly string[];
}

/** Marks a credential given as an output: present, value unknown to core. */
const LATER_SECRET = Object.freeze({ later: true });

type Values = Readonly<Record<string, unknown>>;

/** The value fields of the args that may be outputs, by core field path. */
function valueInputs(args: SecretManagerAccessArgs): Record<string, unknown> {
  const a = args as unknown as Record<string, unknown>;
  const cluster = (typeof a.cluster === "object" && a.cluster !== null ? a.cluster : {}) as Record<string, unknown>;
  const auth = (typeof a.auth === "object" && a.auth !== null ? a.auth : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of ["region", "accountId", "project", "projectNumber", "location"]) out[f] = a[f];
  for (const f of ["oidcProviderArn", "oidcIssuerUrl", "project", "location", "name"]) out[`cluster.${f}`] = cluster[f];
  for (const f of ["roleArn", "externalId"]) out[`auth.${f}`] = auth[f];
  if (Array.isArray(a.kmsKeyArns)) a.kmsKeyArns.forEach((arn, i) => (out[`kmsKeyArns[${i}]`] = arn));
  return out;
}

/** The core spec for `values` (field path -> value). Credentials are replaced by markers unless `credentialsJson` is given. */
function coreSpec(name: string, args: SecretManagerAccessArgs, values: Values, credentialsJson?: unknown): AccessSpec {
  const a = args as unknown as Record<string, unknown>;
  const rawCluster = a.cluster as Record<string, unknown> | undefined;
  let cluster: unknown = rawCluster;
  if (rawCluster?.cloud === "aws") cluster = { cloud: "aws", oidcProviderArn: values["cluster.oidcProviderArn"], oidcIssuerUrl: values["cluster.oidcIssuerUrl"] };
  else if (rawCluster?.cloud === "gcp") cluster = { cloud: "gcp", project: values["cluster.project"], location: values["cluster.location"], name: values["cluster.name"] };
  const rawAuth = a.auth as Record<string, unknown> | undefined;
  let auth: unknown = rawAuth;
  if (typeof rawAuth === "object" && rawAuth !== null) {
    const copy: Record<string, unknown> = { ...rawAuth };
    delete copy.rotationTrigger;
    for (const f of ["roleArn", "externalId"]) if (f in copy) copy[f] = values[`auth.${f}`];
    // Presence decides the mode: an externalId known later still means "assume".
    if (rawAuth.type === "role" && rawAuth.externalId !== undefined && copy.externalId === undefined && rawAuth.assume === undefined) copy.assume = true;
    for (const f of ["accessKeyId", "secretAccessKey"]) if (copy[f] !== undefined) copy[f] = REDACTED;
    if (copy.credentialsJson !== undefined) copy.credentialsJson = credentialsJson ?? LATER_SECRET;
    auth = copy;
  }
  const kms = Array.isArray(a.kmsKeyArns) ? a.kmsKeyArns.map((_, i) => values[`kmsKeyArns[${i}]`]) : a.kmsKeyArns;
  const spec: Record<string, unknown> = {
    name,
    provider: a.provider,
    cluster: cluster as ClusterSpec,
    auth: auth as AuthSpec,
    namespace: args.operator?.spec?.namespace,
  };
  for (const f of ["region", "accountId", "project", "projectNumber", "location"]) if (values[f] !== undefined) spec[f] = values[f];
  if (kms !== undefined) spec.kmsKeyArns = kms;
  for (const f of ["restrictTo", "additionalActions", "serviceAccountName", "allowedNamespaces"]) if (a[f] !== undefined) spec[f] = a[f];
  return spec as unknown as AccessSpec;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * A Secret Manager Access: one provider, one cluster identity, one ESO `ClusterSecretStore` named after
 * the access. Depending on the authentication mode it creates an IRSA role, a GCP service account with
 * Workload Identity, static credentials, or nothing in IAM (role auth); all documents come from
 * `@eskit/core`. Invalid inputs raise a `pulumi.ResourceError` listing every problem before any resource
 * is registered.
 */
export class SecretManagerAccess extends pulumi.ComponentResource {
  /** The access as validated by core at construction (names, mode); values given as outputs may still be missing. */
  readonly resolved: ResolvedAccess;
  /** The ClusterSecretStore; bindings depend on it. */
  readonly store: CustomResource;
  /** Name of the ClusterSecretStore. */
  readonly storeName: pulumi.Output<string>;
  /** Kubernetes service account of the access (in the operator's namespace). */
  readonly serviceAccountName: pulumi.Output<string>;
  /** IAM role ESO reads with: eskit's IRSA role, or the user's role (role auth). Undefined for static and GCP modes. */
  readonly roleArn?: pulumi.Output<string>;
  /** eskit's base role that assumes the user's role (role auth, assume mode). */
  readonly baseRoleArn?: pulumi.Output<string>;
  /** GCP service account eskit created (GKE automatic, or static with `create: true`). */
  readonly gcpServiceAccountEmail?: pulumi.Output<string>;
  /**
   * The least-privilege grant as JSON: the IAM policy (AWS) eskit attached, or that the user's role or key
   * needs; the project role grants (GCP). Undefined when it depends on an account or project number not given.
   */
  readonly policy?: pulumi.Output<string>;
  /** Role auth: the exact trust policy (JSON) the user's role needs. */
  readonly requiredTrustPolicy?: pulumi.Output<string>;
  /** Created credentials: how to rotate them. */
  readonly rotation?: pulumi.Output<string>;

  /** Validates the access (every problem at once, before any resource) and creates its identity, IAM and store. */
  constructor(name: string, args: SecretManagerAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = SecretManagerAccess.plan(name, args);
    super("eskit:index:SecretManagerAccess", name, {}, opts);
    this.resolved = plan.resolved;
    const r = plan.resolved;
    const release = args.operator.release;
    const child = { parent: this };
    const afterOperator = { parent: this, dependsOn: [release] };

    // Everything known later (outputs, lookups) is gathered once, then the access is resolved again by core.
    const later: Record<string, pulumi.Input<unknown>> = { ...plan.later };
    const aws = r.provider.cloud === "aws";
    if (aws && plan.lookupRegion) {
      // @pulumi/aws 7 answers `region` (`name` deprecated); 6 answers only `name`: both are in the peer range.
      later.region = peer<typeof import("@pulumi/aws/getRegion")>("@pulumi/aws/getRegion")
        .getRegionOutput({}, child)
        .apply((r: { region?: string; name?: string }) => r.region ?? r.name);
    }
    const needsAccount = aws && r.accountId === undefined && !("accountId" in later) && !("auth.roleArn" in later) && (r.mode === "irsa" || r.createsCredentials);
    if (needsAccount) later.accountId = peer<typeof import("@pulumi/aws/getCallerIdentity")>("@pulumi/aws/getCallerIdentity").getCallerIdentityOutput({}, child).accountId;
    const full: pulumi.Output<ResolvedAccess> =
      Object.keys(later).length === 0
        ? pulumi.output(r.storeName).apply(() => r)
        : pulumi.all(later).apply((known) => {
            const values = { ...plan.values, ...known };
            return raising(() => resolveAccess(coreSpec(name, args, values)), this);
          });

    const awsLocation = (x: ResolvedAccess) => ({ region: x.spec.region as string, accountId: x.accountId as string });
    const accessPolicy = aws && (r.accountId !== undefined || "accountId" in later || "auth.roleArn" in later)
      ? full.apply((x) => json(buildAwsAccessPolicy(x, awsLocation(x))))
      : undefined;
    const irsaTrust = () => full.apply((x) => {
      const c = x.spec.cluster as Extract<ClusterSpec, { cloud: "aws" }>;
      return json(buildIrsaTrustPolicy({ oidcProviderArn: c.oidcProviderArn, oidcIssuerUrl: c.oidcIssuerUrl, namespace: x.namespace, serviceAccountName: x.serviceAccountName }));
    });

    let identity: pulumi.Output<{ roleArn?: string; gcpServiceAccountEmail?: string }> = pulumi.output({});
    let credentialsSecret: Secret | undefined;
    const dependencies: pulumi.Resource[] = [release];

    switch (r.mode) {
      case "irsa": {
        const { Role } = peer<typeof import("@pulumi/aws/iam/role")>("@pulumi/aws/iam/role");
        const { RolePolicy } = peer<typeof import("@pulumi/aws/iam/rolePolicy")>("@pulumi/aws/iam/rolePolicy");
        const role = new Role(`${name}-role`, { description: `eskit access "${name}": ESO reads ${r.provider.title} through IRSA`, assumeRolePolicy: irsaTrust(), tags: { "managed-by": "eskit" } }, child);
        new RolePolicy(`${name}-policy`, { role: role.id, policy: accessPolicy! }, child);
        this.roleArn = role.arn;
        this.policy = accessPolicy;
        identity = role.arn.apply((roleArn) => ({ roleArn }));
        break;
      }
      case "role-direct": {
        this.roleArn = full.apply((x) => (x.spec.auth as { roleArn: string }).roleArn);
        this.policy = accessPolicy;
        this.requiredTrustPolicy = full.apply((x) => {
          const c = x.spec.cluster as Extract<ClusterSpec, { cloud: "aws" }>;
          return json(buildRequiredTrustPolicy(x, c));
        });
        break;
      }
      case "role-assume": {
        const { Role } = peer<typeof import("@pulumi/aws/iam/role")>("@pulumi/aws/iam/role");
        const { RolePolicy } = peer<typeof import("@pulumi/aws/iam/rolePolicy")>("@pulumi/aws/iam/rolePolicy");
        const base = new Role(`${name}-base-role`, { description: `eskit access "${name}": base identity that assumes the secrets role`, assumeRolePolicy: irsaTrust(), tags: { "managed-by": "eskit" } }, child);
        const userRoleArn = full.apply((x) => (x.spec.auth as { roleArn: string }).roleArn);
        new RolePolicy(`${name}-assume-policy`, { role: base.id, policy: userRoleArn.apply((arn) => json(buildAssumeRolePolicy(arn))) }, child);
        this.roleArn = userRoleArn;
        this.baseRoleArn = base.arn;
        this.policy = accessPolicy;
        this.requiredTrustPolicy = pulumi.all([full, base.arn]).apply(([x, baseRoleArn]) => {
          const c = x.spec.cluster as Extract<ClusterSpec, { cloud: "aws" }>;
          return json(buildRequiredTrustPolicy(x, { ...c, baseRoleArn }));
        });
        identity = base.arn.apply((roleArn) => ({ roleArn }));
        break;
      }
      case "gke-workload-identity": {
        const { Account } = peer<typeof import("@pulumi/gcp/serviceaccount/account")>("@pulumi/gcp/serviceaccount/account");
        const { IAMMember: AccountIAMMember } = peer<typeof import("@pulumi/gcp/serviceaccount/iammember")>("@pulumi/gcp/serviceaccount/iammember");
        const project = full.apply((x) => x.project as string);
        const account = new Account(`${name}-gsa`, { accountId: gcpServiceAccountId(name), project, displayName: `eskit access ${name}`, description: `ESO reads GCP Secret Manager for eskit access "${name}"` }, child);
        new AccountIAMMember(`${name}-workload-identity`, {
          serviceAccountId: account.name,
          role: GCP_WORKLOAD_IDENTITY_USER_ROLE,
          member: full.apply((x) => workloadIdentityMember((x.spec.cluster as { project: string }).project, x.namespace, x.serviceAccountName)),
        }, child);
        this.policy = this.grantProjectRoles(name, full, project, account.email, plan);
        this.gcpServiceAccountEmail = account.email;
        identity = account.email.apply((gcpServiceAccountEmail) => ({ gcpServiceAccountEmail }));
        break;
      }
      case "static-aws":
      case "static-gcp": {
        const shape = buildCredentialsSecretShape(r);
        let stringData: pulumi.Output<Record<string, string>> | undefined;
        const auth = args.auth as Partial<AwsKeyAuthArgs & GcpKeyAuthArgs & CreatedCredentialsAuthArgs>;
        const fill = (values: pulumi.Input<string>[]) =>
          pulumi.secret(pulumi.all([full, pulumi.all(values)]).apply(([x, v]) => {
            if (r.mode === "static-gcp" && auth.credentialsJson !== undefined && isLater(auth.credentialsJson)) {
              raising(() => resolveAccess(coreSpec(name, args, { ...plan.values, ...valuesOf(x) }, v[0])), this);
            }
            const keys = shape!.keys;
            return buildCredentialsSecret(r, Object.fromEntries(keys.map((k, i) => [k, v[i] as string]))).stringData as Record<string, string>;
          }));
        if (r.createsCredentials && r.mode === "static-aws") {
          const { User } = peer<typeof import("@pulumi/aws/iam/user")>("@pulumi/aws/iam/user");
          const { UserPolicy } = peer<typeof import("@pulumi/aws/iam/userPolicy")>("@pulumi/aws/iam/userPolicy");
          const { AccessKey } = peer<typeof import("@pulumi/aws/iam/accessKey")>("@pulumi/aws/iam/accessKey");
          const user = new User(`${name}-user`, { path: "/eskit/", tags: { "managed-by": "eskit" } }, child);
          new UserPolicy(`${name}-policy`, { user: user.name, policy: accessPolicy! }, child);
          const keyName = auth.rotationTrigger ? `${name}-key-${auth.rotationTrigger}` : `${name}-key`;
          const key = new AccessKey(keyName, { user: user.name }, { parent: this, additionalSecretOutputs: ["secret"] });
          stringData = fill([pulumi.secret(key.id), pulumi.secret(key.secret)]);
          this.policy = accessPolicy;
          this.rotation = key.urn.apply((urn) =>
            `The access key of the IAM user of access "${name}" is stored in Secret ${shape!.metadata.namespace}/${shape!.metadata.name}. Rotate it by changing auth.rotationTrigger, or with: pulumi up --replace '${urn}'`);
        } else if (r.createsCredentials) {
          const { Account } = peer<typeof import("@pulumi/gcp/serviceaccount/account")>("@pulumi/gcp/serviceaccount/account");
          const { Key } = peer<typeof import("@pulumi/gcp/serviceaccount/key")>("@pulumi/gcp/serviceaccount/key");
          const { IAMCustomRole } = peer<typeof import("@pulumi/gcp/projects/iamcustomRole")>("@pulumi/gcp/projects/iamcustomRole");
          const project = full.apply((x) => x.project as string);
          const role = new IAMCustomRole(`${name}-reader-role`, {
            roleId: gcpCustomRoleId(name),
            project,
            title: `eskit ${name} secret reader`.slice(0, 100),
            description: `Reads secret values for eskit access "${name}"; nothing else`,
            permissions: [...GCP_STATIC_PERMISSIONS],
          }, child);
          const account = new Account(`${name}-gsa`, { accountId: gcpServiceAccountId(name), project, displayName: `eskit access ${name}`, description: `Static key for ESO, eskit access "${name}"` }, child);
          this.policy = this.grantProjectRoles(name, full, project, account.email, plan, role.name);
          const key = new Key(`${name}-key`, { serviceAccountId: account.name, ...(auth.rotationTrigger ? { keepers: { rotation: auth.rotationTrigger } } : {}) }, { parent: this, additionalSecretOutputs: ["privateKey"] });
          stringData = fill([pulumi.secret(key.privateKey.apply((b64) => Buffer.from(b64, "base64").toString("utf8")))]);
          this.gcpServiceAccountEmail = account.email;
          this.rotation = key.urn.apply((urn) =>
            `The key.json of the service account of access "${name}" is stored in Secret ${shape!.metadata.namespace}/${shape!.metadata.name}. Rotate it by changing auth.rotationTrigger (key keepers), or with: pulumi up --replace '${urn}'`);
        } else if (shape) {
          stringData = fill(r.mode === "static-aws" ? [auth.accessKeyId as Str, auth.secretAccessKey as Str] : [auth.credentialsJson as Str]);
          if (r.mode === "static-aws" && accessPolicy) this.policy = accessPolicy;
        }
        if (shape && stringData) {
          credentialsSecret = new Secret(`${name}-credentials`, { metadata: { ...shape.metadata, labels: { ...shape.metadata.labels } }, type: "Opaque", stringData }, {
            ...afterOperator,
            additionalSecretOutputs: ["data", "stringData"],
          });
          dependencies.push(credentialsSecret);
        }
        break;
      }
    }

    const sa = pulumi.all([full, identity]).apply(([x, id]) => buildServiceAccount(x, id));
    const serviceAccount = new ServiceAccount(`${name}-sa`, { metadata: sa.apply((o) => o.metadata as never) }, afterOperator);
    dependencies.push(serviceAccount);
    const storeObject: pulumi.Output<KubeObject> = full.apply((x) => buildClusterSecretStore(x));
    this.store = new CustomResource(`${name}-store`, {
      apiVersion: ESO_API_VERSION,
      kind: "ClusterSecretStore",
      metadata: storeObject.apply((o) => o.metadata as never),
      spec: storeObject.apply((o) => o.spec),
    }, { parent: this, dependsOn: dependencies });
    this.storeName = this.store.metadata.name;
    this.serviceAccountName = serviceAccount.metadata.name;
    this.registerOutputs({
      storeName: this.storeName,
      serviceAccountName: this.serviceAccountName,
      roleArn: this.roleArn,
      baseRoleArn: this.baseRoleArn,
      gcpServiceAccountEmail: this.gcpServiceAccountEmail,
      policy: this.policy,
      requiredTrustPolicy: this.requiredTrustPolicy,
      rotation: this.rotation,
    });
  }

  /** GCP: the accessor (or custom) role conditioned on the restriction, plus viewer, as non-authoritative IAMMembers. */
  private grantProjectRoles(
    name: string,
    full: pulumi.Output<ResolvedAccess>,
    project: pulumi.Output<string>,
    email: pulumi.Output<string>,
    plan: AccessPlan,
    customRoleName?: pulumi.Output<string>,
  ): pulumi.Output<string> {
    const { IAMMember } = peer<typeof import("@pulumi/gcp/projects/iammember")>("@pulumi/gcp/projects/iammember");
    const restricted = !isUnrestricted(this.resolved.spec.restrictTo);
    let projectNumber: pulumi.Input<string> = "";
    if (plan.later.projectNumber !== undefined) projectNumber = full.apply((x) => x.spec.projectNumber as string);
    else if (this.resolved.spec.projectNumber !== undefined) projectNumber = this.resolved.spec.projectNumber;
    else if (restricted) {
      const { getProjectOutput } = peer<typeof import("@pulumi/gcp/organizations/getProject")>("@pulumi/gcp/organizations/getProject");
      projectNumber = getProjectOutput({ projectId: project }, { parent: this }).number;
    }
    const grants = pulumi.all([full, projectNumber, customRoleName]).apply(([x, number, roleName]) => buildGcpRoleGrants(x, number, roleName));
    const member = pulumi.interpolate`serviceAccount:${email}`;
    ["reader", "viewer"].forEach((label, i) => {
      new IAMMember(`${name}-${label}`, {
        project,
        member,
        role: grants.apply((g) => g[i].role),
        condition: grants.apply((g) => g[i].condition),
      }, { parent: this });
    });
    return pulumi.all([grants, member]).apply(([g, m]) => json({ member: m, grants: g, ...(customRoleName ? { customRolePermissions: [...GCP_STATIC_PERMISSIONS] } : {}) }));
  }

  /**
   * Validates `args` with core before anything is registered: known values are checked now, outputs
   * are listed as deferred and checked again once resolved.
   */
  private static plan(name: string, args: SecretManagerAccessArgs): AccessPlan {
    args = args ?? ({} as SecretManagerAccessArgs);
    const inputs = valueInputs(args);
    const values: Record<string, unknown> = {};
    const later: Record<string, pulumi.Input<unknown>> = {};
    for (const [path, value] of Object.entries(inputs)) {
      if (isLater(value)) later[path] = value;
      else if (value !== undefined) values[path] = value;
    }
    const deferred = Object.keys(later);
    const a = args as unknown as Record<string, unknown>;
    const auth = a?.auth as Record<string, unknown> | undefined;
    const awsProvider = isProviderId(a?.provider) && PROVIDERS[a.provider as ProviderId].cloud === "aws";
    const givenCredentials = auth?.type === "static" && auth.create !== true;
    const lookupRegion = awsProvider && a.region === undefined && !givenCredentials;
    if (lookupRegion) deferred.push("region");
    const problems: Problem[] = [];
    if (typeof a?.operator !== "object" || a.operator === null || !(a.operator as { spec?: unknown }).spec || !(a.operator as { release?: unknown }).release) {
      problems.push({ path: "operator", message: "must be an ExternalSecretsOperator", fix: "Create one with new ExternalSecretsOperator(...) and pass it as operator." });
    }
    const credentialsJson = typeof auth?.credentialsJson === "string" ? auth.credentialsJson : undefined;
    let resolved: ResolvedAccess;
    try {
      resolved = resolveAccess(coreSpec(name, args, values, credentialsJson), { deferred });
    } catch (error) {
      const own = (error as { problems?: typeof problems }).problems;
      if (!own) throw error;
      throw resourceError(`Invalid Secret Manager Access "${String(name)}"`, [...problems, ...own]);
    }
    if (problems.length > 0) throw resourceError(`Invalid Secret Manager Access "${String(name)}"`, problems);
    // Keep no credential in the spec the component holds on to.
    if (credentialsJson !== undefined) resolved = { ...resolved, spec: coreSpec(name, args, values) };
    return { resolved, values, later, lookupRegion };
  }
}

/** What `plan` learns synchronously. */
interface AccessPlan {
  readonly resolved: ResolvedAccess;
  /** Known values by field path. */
  readonly values: Values;
  /** Values known later (outputs, promises) by field path. */
  readonly later: Record<string, pulumi.Input<unknown>>;
  /** True when the region comes from the AWS provider's configuration. */
  readonly lookupRegion: boolean;
}

/** Field values of a resolved spec, by path (the inverse of `coreSpec`, for re-validation). */
function valuesOf(x: ResolvedAccess): Values {
  const s = x.spec as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of ["region", "accountId", "project", "projectNumber", "location"]) if (s[f] !== undefined) out[f] = s[f];
  const cluster = s.cluster as Record<string, unknown>;
  for (const [k, v] of Object.entries(cluster)) if (k !== "cloud") out[`cluster.${k}`] = v;
  const auth = s.auth as Record<string, unknown>;
  for (const f of ["roleArn", "externalId"]) if (auth[f] !== undefined) out[`auth.${f}`] = auth[f];
  (x.spec.kmsKeyArns ?? []).forEach((arn, i) => (out[`kmsKeyArns[${i}]`] = arn));
  return out;
}
