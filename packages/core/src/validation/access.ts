/** Validation of a Secret Manager Access: provider x authentication x cluster, and every field's syntax. */
import { REDACTED, type Problem } from "../errors";
import { PROVIDER_IDS, PROVIDERS, isProviderId, type Cloud } from "../providers";
import { validateRestriction } from "../restriction";
import type { AccessSpec } from "../spec";
import { ProblemCollector, isRecord } from "./checks";
import * as syntax from "./syntax";

/** Options of `validateAccess`. */
export interface ValidateAccessOptions {
  /**
   * Field paths whose values are resolved later (e.g. Pulumi outputs such as `region` or `accountId`):
   * they may be absent now and are checked when known.
   * @default none
   */
  readonly deferred?: Iterable<string>;
}

const CLUSTER_NAMES: Record<Cloud, string> = { aws: "an EKS cluster", gcp: "a GKE cluster" };
const AWS_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;

/** Every problem with an access spec, at once (empty when valid). Credential values are never echoed. */
export function validateAccess(spec: AccessSpec, options: ValidateAccessOptions = {}): Problem[] {
  const c = new ProblemCollector(options.deferred);
  const raw = spec as unknown as Record<string, unknown>;
  if (!isRecord(raw)) return [{ path: "(access)", value: spec, message: "must be an object", fix: "Pass { name, provider, cluster, auth, ... }." }];

  if (typeof raw.name !== "string" || raw.name.trim() === "") {
    c.add({ path: "name", value: raw.name, message: "must be a non-empty string", fix: 'Name the access, e.g. "staging".' });
  }

  const provider = raw.provider;
  if (!isProviderId(provider)) {
    c.add({ path: "provider", value: provider, message: "is not a known provider", fix: `Use one of ${PROVIDER_IDS.map((p) => `"${p}"`).join(", ")}.` });
  }
  const providerCloud = isProviderId(provider) ? PROVIDERS[provider].cloud : undefined;

  const clusterCloud = validateCluster(c, raw.cluster);
  validateAuth(c, raw, providerCloud, clusterCloud);

  if (providerCloud === "aws") {
    c.required("region", raw.region, syntax.AWS_REGION);
    c.optional("accountId", raw.accountId, syntax.AWS_ACCOUNT_ID);
    for (const field of ["project", "projectNumber", "location"] as const) {
      c.forbidden(field, raw[field], `applies only to gcp-secret-manager, not ${String(provider)}`, `Remove ${field}; AWS secrets are located by region (and accountId).`);
    }
    listOf(c, "kmsKeyArns", raw.kmsKeyArns, (path, arn) => {
      c.optional(path, arn, syntax.KMS_KEY_ARN);
      const keyRegion = typeof arn === "string" ? arn.split(":")[3] : undefined;
      if (typeof raw.region === "string" && syntax.KMS_KEY_ARN.test(String(arn)) && keyRegion !== raw.region) {
        c.add({ path, value: arn, message: `is in ${keyRegion}, but the secrets are in ${raw.region}`, fix: "Secrets can only be encrypted with a key of their own region: use a key ARN of that region." });
      }
    });
    listOf(c, "additionalActions", raw.additionalActions, (path, action) => {
      if (typeof action !== "string" || !AWS_ACTION.test(action)) {
        c.add({ path, value: action, message: "is not an IAM action", fix: 'Use "service:Action", e.g. "secretsmanager:GetSecretValue".' });
      }
    });
  } else if (providerCloud === "gcp") {
    const onGke = isRecord(raw.cluster) && raw.cluster.cloud === "gcp";
    if (onGke) c.optional("project", raw.project, syntax.GCP_PROJECT_ID);
    else c.required("project", raw.project, syntax.GCP_PROJECT_ID, `Set the GCP project id of the secrets, ${syntax.GCP_PROJECT_ID.expected}.`);
    c.optional("projectNumber", raw.projectNumber, syntax.GCP_PROJECT_NUMBER);
    c.optional("location", raw.location, syntax.GCP_REGION);
    for (const field of ["region", "accountId", "kmsKeyArns", "additionalActions"] as const) {
      c.forbidden(field, raw[field], `applies only to AWS providers, not ${String(provider)}`, field === "region" ? "Use location for regional GCP secrets." : `Remove ${field}.`);
    }
  }

  if (isProviderId(provider)) c.problems.push(...validateRestriction(provider, raw.restrictTo as readonly unknown[] | undefined));
  c.optional("namespace", raw.namespace, syntax.DNS1123_LABEL);
  c.optional("serviceAccountName", raw.serviceAccountName, syntax.DNS1123_SUBDOMAIN);
  listOf(c, "allowedNamespaces", raw.allowedNamespaces, (path, ns) => c.optional(path, ns, syntax.DNS1123_LABEL));
  return c.problems;
}

function listOf(c: ProblemCollector, path: string, value: unknown, each: (path: string, item: unknown) => void): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    c.add({ path, value, message: "must be a list", fix: `Pass ${path} as an array.` });
    return;
  }
  value.forEach((item, i) => each(`${path}[${i}]`, item));
}

function validateCluster(c: ProblemCollector, cluster: unknown): Cloud | undefined {
  if (!isRecord(cluster)) {
    c.add({ path: "cluster", value: cluster, message: "is required", fix: 'Describe the cluster: { cloud: "aws", oidcProviderArn, oidcIssuerUrl } or { cloud: "gcp", project, location, name }.' });
    return undefined;
  }
  if (cluster.cloud === "aws") {
    c.required("cluster.oidcProviderArn", cluster.oidcProviderArn, syntax.OIDC_PROVIDER_ARN);
    c.required("cluster.oidcIssuerUrl", cluster.oidcIssuerUrl, syntax.OIDC_ISSUER_URL);
    const arn = cluster.oidcProviderArn;
    const url = cluster.oidcIssuerUrl;
    if (typeof arn === "string" && typeof url === "string" && syntax.OIDC_PROVIDER_ARN.test(arn) && syntax.OIDC_ISSUER_URL.test(url)) {
      const fromArn = arn.slice(arn.indexOf(":oidc-provider/") + ":oidc-provider/".length);
      const fromUrl = url.replace(/^https:\/\//, "");
      if (fromArn !== fromUrl) {
        c.add({
          path: "cluster.oidcIssuerUrl",
          value: url,
          message: `does not belong to the OIDC provider ${arn}`,
          fix: `Use the issuer of the same cluster: "https://${fromArn}".`,
        });
      }
    }
    return "aws";
  }
  if (cluster.cloud === "gcp") {
    c.required("cluster.project", cluster.project, syntax.GCP_PROJECT_ID);
    c.required("cluster.location", cluster.location, syntax.GCP_LOCATION);
    c.required("cluster.name", cluster.name, syntax.GKE_CLUSTER_NAME);
    return "gcp";
  }
  c.add({ path: "cluster.cloud", value: cluster.cloud, message: 'must be "aws" (EKS) or "gcp" (GKE)', fix: 'Set cluster.cloud to "aws" or "gcp".' });
  return undefined;
}

function validateAuth(c: ProblemCollector, raw: Record<string, unknown>, providerCloud: Cloud | undefined, clusterCloud: Cloud | undefined): void {
  const auth = raw.auth;
  const provider = String(raw.provider);
  if (!isRecord(auth)) {
    c.add({ path: "auth", value: auth, message: "is required", fix: 'Use { type: "automatic" }, { type: "role", roleArn } or { type: "static", ... }.' });
    return;
  }
  const known = providerCloud !== undefined && clusterCloud !== undefined;
  const onCluster = clusterCloud ? CLUSTER_NAMES[clusterCloud] : "";
  switch (auth.type) {
    case "automatic": {
      if (auth.roleArn !== undefined) {
        c.add({
          path: "auth.roleArn",
          value: auth.roleArn,
          message: "automatic and role authentication are mutually exclusive",
          fix: 'Remove auth.roleArn to let eskit create the role, or use { type: "role", roleArn }.',
        });
      }
      for (const f of ["accessKeyId", "secretAccessKey", "credentialsJson", "create", "existingSecret"] as const) {
        c.forbidden(`auth.${f}`, auth[f], "static credentials do not apply to automatic authentication", `Remove auth.${f}, or use { type: "static" }.`, f !== "create");
      }
      if (known && providerCloud !== clusterCloud) {
        c.add({
          path: "auth.type",
          value: "automatic",
          message: `automatic authentication needs the provider's own cloud, but ${provider} runs on ${providerCloud?.toUpperCase()} and the cluster is ${onCluster}`,
          fix: providerCloud === "gcp"
            ? 'From EKS, use { type: "static", credentialsJson } or { type: "static", create: true }.'
            : 'From GKE, use { type: "static", accessKeyId, secretAccessKey } or { type: "static", create: true }.',
        });
      }
      return;
    }
    case "role": {
      if (providerCloud === "gcp") {
        c.add({ path: "auth.type", value: "role", message: "role authentication applies only to AWS providers", fix: clusterCloud === "gcp" ? 'On GKE use { type: "automatic" }.' : 'From EKS use { type: "static", credentialsJson } or { type: "static", create: true }.' });
      } else if (clusterCloud === "gcp") {
        c.add({ path: "auth.type", value: "role", message: "role authentication needs an EKS cluster (its OIDC provider)", fix: 'From GKE use { type: "static", accessKeyId, secretAccessKey } or { type: "static", create: true }.' });
      }
      c.required("auth.roleArn", auth.roleArn, syntax.ROLE_ARN);
      c.optional("auth.externalId", auth.externalId, syntax.EXTERNAL_ID);
      if (auth.assume !== undefined && typeof auth.assume !== "boolean") {
        c.add({ path: "auth.assume", value: auth.assume, message: "must be true or false", fix: "Use true to assume the role from eskit's base identity, false for direct OIDC trust." });
      }
      if (auth.externalId !== undefined && auth.assume === false) {
        c.add({ path: "auth.externalId", value: auth.externalId, message: "applies only when the role is assumed", fix: "Set auth.assume to true, or remove auth.externalId." });
      }
      for (const f of ["accessKeyId", "secretAccessKey", "credentialsJson", "create", "existingSecret"] as const) {
        c.forbidden(`auth.${f}`, auth[f], "static credentials do not apply to role authentication", `Remove auth.${f}.`, f !== "create");
      }
      return;
    }
    case "static":
      validateStaticAuth(c, auth, providerCloud, clusterCloud, provider, onCluster);
      return;
    default:
      c.add({ path: "auth.type", value: auth.type, message: "is not a known authentication type", fix: 'Use "automatic", "role" or "static".' });
  }
}

function validateStaticAuth(
  c: ProblemCollector,
  auth: Record<string, unknown>,
  providerCloud: Cloud | undefined,
  clusterCloud: Cloud | undefined,
  provider: string,
  onCluster: string,
): void {
  if (providerCloud !== undefined && providerCloud === clusterCloud) {
    c.add({
      path: "auth.type",
      value: "static",
      message: `static credentials are for cross-cloud access, but ${provider} and ${onCluster} share a cloud`,
      fix: providerCloud === "aws" ? 'Use { type: "automatic" } (IRSA) or { type: "role", roleArn }: no long-lived keys needed.' : 'Use { type: "automatic" } (Workload Identity): no key needed.',
    });
  }
  if (auth.roleArn !== undefined) {
    c.add({ path: "auth.roleArn", value: auth.roleArn, message: "static and role authentication are mutually exclusive", fix: "Remove auth.roleArn, or use { type: \"role\" } on EKS." });
  }
  if (auth.create !== undefined && typeof auth.create !== "boolean") {
    c.add({ path: "auth.create", value: auth.create, message: "must be true or false", fix: "Use create: true to let eskit provision the credentials." });
  }
  const awsKeys = auth.accessKeyId !== undefined || auth.secretAccessKey !== undefined;
  const sources = [awsKeys && "accessKeyId/secretAccessKey", auth.credentialsJson !== undefined && "credentialsJson", auth.create === true && "create", auth.existingSecret !== undefined && "existingSecret"].filter(Boolean) as string[];
  const wanted = providerCloud === "gcp" ? "credentialsJson" : "accessKeyId and secretAccessKey";
  if (sources.length === 0) {
    c.add({
      path: "auth",
      value: { type: "static" },
      message: "static authentication needs credentials",
      fix: `Give ${wanted} (as secrets), existingSecret (a Kubernetes Secret that holds them), or create: true.`,
    });
  } else if (sources.length > 1) {
    c.add({ path: "auth", value: sources, message: "gives credentials in more than one way", fix: `Keep exactly one of ${sources.join(", ")}.` });
  }
  if (providerCloud === "aws") {
    c.forbidden("auth.credentialsJson", auth.credentialsJson, `a GCP key does not authenticate to ${provider}`, "Give accessKeyId and secretAccessKey instead.", true);
    if (awsKeys && (auth.accessKeyId === undefined || auth.secretAccessKey === undefined)) {
      const missing = auth.accessKeyId === undefined ? "auth.accessKeyId" : "auth.secretAccessKey";
      c.add({ path: missing, message: "is required with the other half of the key pair", fix: "Give both accessKeyId and secretAccessKey." });
    }
  } else if (providerCloud === "gcp") {
    c.forbidden("auth.accessKeyId", auth.accessKeyId, `an AWS key does not authenticate to ${provider}`, "Give credentialsJson (a service-account key.json) instead.", true);
    c.forbidden("auth.secretAccessKey", auth.secretAccessKey, `an AWS key does not authenticate to ${provider}`, "Give credentialsJson (a service-account key.json) instead.", true);
  }
  if (typeof auth.credentialsJson === "string") {
    // Structure only; the value itself is never echoed.
    let ok = false;
    try {
      const parsed = JSON.parse(auth.credentialsJson) as Record<string, unknown>;
      ok = isRecord(parsed) && typeof parsed.type === "string";
    } catch {
      ok = false;
    }
    if (!ok) c.add({ path: "auth.credentialsJson", value: REDACTED, message: "is not a service-account key.json", fix: "Pass the JSON key file content (gcloud iam service-accounts keys create)." });
  }
  const ref = auth.existingSecret;
  if (ref !== undefined) {
    if (!isRecord(ref)) {
      c.add({ path: "auth.existingSecret", value: ref, message: "must be { name, namespace?, ...keys }", fix: 'E.g. { name: "aws-credentials" }.' });
    } else {
      c.required("auth.existingSecret.name", ref.name, syntax.DNS1123_SUBDOMAIN);
      c.optional("auth.existingSecret.namespace", ref.namespace, syntax.DNS1123_LABEL);
      for (const k of ["accessKeyIdKey", "secretAccessKeyKey", "credentialsKey"] as const) c.optional(`auth.existingSecret.${k}`, ref[k], syntax.SECRET_DATA_KEY);
    }
  }
}
