/**
 * The benchmark workload, shared by both renderers and both variants (eskit and raw): 10 IRSA accesses
 * to AWS Secrets Manager, each restricted to `team-<i>/*`, and `bindings` bindings spread over 100
 * namespaces, three env vars each (a plain key, a JSON property, a pinned version).
 */

/** Accesses per run. */
export const ACCESSES = 10;
/** Namespaces the bindings are spread over. */
export const NAMESPACES = 100;
/** Account, region and cluster every access uses. */
export const ACCOUNT_ID = "111111111111";
/** Region of the secrets. */
export const REGION = "eu-west-3";
/** The EKS cluster's OIDC issuer, without `https://`. */
export const OIDC_HOST = "oidc.eks.eu-west-3.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
/** ARN of the cluster's IAM OIDC provider. */
export const OIDC_PROVIDER_ARN = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${OIDC_HOST}`;

/** One access of the workload. */
export interface AccessCase {
  /** Access (and ClusterSecretStore) name. */
  readonly name: string;
  /** Its only restriction pattern. */
  readonly restrictTo: string;
}

/** One binding of the workload. */
export interface BindingCase {
  /** Binding (ExternalSecret and target Secret) name. */
  readonly name: string;
  /** Index into the accesses. */
  readonly access: number;
  /** Namespace of the service. */
  readonly namespace: string;
  /** Team prefix of its keys (inside the access's restriction). */
  readonly team: string;
}

/** The accesses, `team-0` ... `team-9`. */
export function accessCases(): AccessCase[] {
  return Array.from({ length: ACCESSES }, (_, i) => ({ name: `team-${i}`, restrictTo: `team-${i}/*` }));
}

/** `count` bindings, round-robin over the accesses and namespaces. */
export function bindingCases(count: number): BindingCase[] {
  return Array.from({ length: count }, (_, i) => ({ name: `svc-${i}`, access: i % ACCESSES, namespace: `ns-${i % NAMESPACES}`, team: `team-${i % ACCESSES}` }));
}

/** The eskit env mapping of a binding: three variables. */
export function envOf(b: BindingCase): Record<string, string | { key: string; property?: string; version?: string }> {
  return {
    DB_PASSWORD: { key: `${b.team}/${b.name}/db`, property: "password" },
    API_KEY: `${b.team}/${b.name}/api-key`,
    TOKEN: { key: `${b.team}/${b.name}/token`, version: "AWSCURRENT" },
  };
}

/** Labels eskit puts on everything. */
export const MANAGED = { "app.kubernetes.io/managed-by": "eskit" };
/** Namespace of the operator and the access service accounts. */
export const OPERATOR_NAMESPACE = "external-secrets";

/** The raw baseline's ClusterSecretStore of `access`, written by hand (both renderers use it). */
export function handWrittenStore(access: AccessCase) {
  return {
    apiVersion: "external-secrets.io/v1",
    kind: "ClusterSecretStore",
    metadata: { name: access.name, labels: { ...MANAGED, "eskit.dev/access": access.name } },
    spec: { provider: { aws: { service: "SecretsManager", region: REGION, auth: { jwt: { serviceAccountRef: { name: `eskit-${access.name}`, namespace: OPERATOR_NAMESPACE } } } } } },
  };
}

/** The raw baseline's ExternalSecret of `binding`, written by hand (both renderers use it). */
export function handWrittenExternalSecret(b: BindingCase) {
  return {
    apiVersion: "external-secrets.io/v1",
    kind: "ExternalSecret",
    metadata: { name: b.name, namespace: b.namespace, labels: { ...MANAGED, "eskit.dev/access": b.team } },
    spec: {
      refreshPolicy: "OnChange",
      secretStoreRef: { kind: "ClusterSecretStore", name: b.team },
      target: { name: b.name, creationPolicy: "Owner", deletionPolicy: "Retain" },
      data: [
        { secretKey: "API_KEY", remoteRef: { key: `${b.team}/${b.name}/api-key` } },
        { secretKey: "DB_PASSWORD", remoteRef: { key: `${b.team}/${b.name}/db`, property: "password" } },
        { secretKey: "TOKEN", remoteRef: { key: `${b.team}/${b.name}/token`, version: "AWSCURRENT" } },
      ],
    },
  };
}

/** The props of an eskit access both renderers share (the operator and identity are added per renderer). */
export function eskitAccessProps(access: AccessCase) {
  return {
    provider: "aws-secrets-manager",
    region: REGION,
    accountId: ACCOUNT_ID,
    cluster: { cloud: "aws", oidcProviderArn: OIDC_PROVIDER_ARN, oidcIssuerUrl: `https://${OIDC_HOST}` },
    auth: { type: "automatic" },
    restrictTo: [access.restrictTo],
  } as const;
}
