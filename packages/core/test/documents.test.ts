/** Exact expectations for the documents core emits: IAM JSON, GCP conditions, stores, ExternalSecrets. */
import {
  buildAssumeRolePolicy,
  buildAwsAccessPolicy,
  buildClusterSecretStore,
  buildEnv,
  buildEnvFrom,
  buildExternalSecret,
  buildGcpRoleGrants,
  buildGcpSecretCondition,
  buildRequiredTrustPolicy,
  buildServiceAccount,
  resolveAccess,
  resolveBinding,
  workloadIdentityMember,
  type AccessSpec,
} from "@eskit/core";
import { ACCESS_CASES, ACCOUNT, BASE_ROLE_ARN, EKS, ESKIT_ROLE_ARN, GCP_PROJECT, GCP_PROJECT_NUMBER, GCP_SA_EMAIL, GKE, identityFor, ISSUER_HOST, KMS_KEY_ARN, OIDC_PROVIDER_ARN, REGION, USER_ROLE_ARN } from "./fixtures";

const LOC = { region: REGION, accountId: ACCOUNT };
const IRSA: AccessSpec = { name: "staging", provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" } };
const SM_READS = ["secretsmanager:GetResourcePolicy", "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"];
const SM_LIST = { Sid: "ListSecrets", Effect: "Allow", Action: ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"], Resource: "*" };
const SSM_READS = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"];
const SSM_LIST = { Sid: "ListParameters", Effect: "Allow", Action: ["ssm:DescribeParameters"], Resource: "*" };
const policyOf = (over: Partial<AccessSpec>) => buildAwsAccessPolicy(resolveAccess({ ...IRSA, ...over } as AccessSpec), LOC);

describe("AWS access policies", () => {
  it("grants Secrets Manager reads on each restricted pattern (with the 6-character suffix) and listing on *", () => {
    expect(policyOf({ restrictTo: ["staging/*", "prod-db"] })).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "ReadSecrets", Effect: "Allow", Action: SM_READS, Resource: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:staging/*-??????`, `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:prod-db-??????`] },
        SM_LIST,
      ],
    });
  });

  it.each([["omitted", undefined], ['["*"]', ["*"]]])("grants Secrets Manager reads on the account's secrets in the region when the restriction is %s", (_t, restrictTo) => {
    expect(policyOf({ restrictTo })).toEqual({ Version: "2012-10-17", Statement: [{ Sid: "ReadSecrets", Effect: "Allow", Action: SM_READS, Resource: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:*`] }, SM_LIST] });
  });

  it("grants Parameter Store reads on the restricted parameter ARNs without their leading slash", () => {
    expect(policyOf({ provider: "aws-parameter-store", restrictTo: ["/app/prod/*", "/exact/param", "flat"] })).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "ReadParameters", Effect: "Allow", Action: SSM_READS, Resource: [`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/prod/*`, `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/exact/param`, `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/flat`] },
        SSM_LIST,
      ],
    });
  });

  it("grants Parameter Store reads on every parameter of the account and region when unrestricted", () => {
    expect(policyOf({ provider: "aws-parameter-store" }).Statement[0]).toEqual({ Sid: "ReadParameters", Effect: "Allow", Action: SSM_READS, Resource: [`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/*`] });
  });

  it.each([
    ["aws-secrets-manager", `secretsmanager.${REGION}.amazonaws.com`],
    ["aws-parameter-store", `ssm.${REGION}.amazonaws.com`],
  ] as const)("adds kms:Decrypt on the keys for %s, only via %s", (provider, via) => {
    expect(policyOf({ provider, kmsKeyArns: [KMS_KEY_ARN] }).Statement[2]).toEqual({
      Sid: "DecryptThroughService",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [KMS_KEY_ARN],
      Condition: { StringEquals: { "kms:ViaService": via } },
    });
  });

  it("uses the China partition and endpoint suffix in cn- regions", () => {
    const key = `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const policy = buildAwsAccessPolicy(resolveAccess({ ...IRSA, region: "cn-north-1", kmsKeyArns: [key] }), { region: "cn-north-1", accountId: ACCOUNT });
    expect(policy.Statement[0]?.Resource).toEqual([`arn:aws-cn:secretsmanager:cn-north-1:${ACCOUNT}:secret:*`]);
    expect(policy.Statement[2]?.Condition).toEqual({ StringEquals: { "kms:ViaService": "secretsmanager.cn-north-1.amazonaws.com.cn" } });
  });

  it("appends additionalActions to the read statement only", () => {
    const policy = policyOf({ additionalActions: ["secretsmanager:GetRandomPassword"] });
    expect(policy.Statement[0]?.Action).toEqual([...SM_READS, "secretsmanager:GetRandomPassword"]);
    expect(policy.Statement[1]).toEqual(SM_LIST);
  });
});

describe("trust policies", () => {
  const eksInput = { oidcProviderArn: OIDC_PROVIDER_ARN, oidcIssuerUrl: `https://${ISSUER_HOST}` };

  it("trusts exactly the access's service account through the cluster's OIDC provider (IRSA / role-direct)", () => {
    const direct = resolveAccess({ ...IRSA, name: "direct", auth: { type: "role", roleArn: `arn:aws:iam::${ACCOUNT}:role/app-secrets` } });
    expect(buildRequiredTrustPolicy(direct, eksInput)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: OIDC_PROVIDER_ARN },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${ISSUER_HOST}:sub`]: "system:serviceaccount:external-secrets:eskit-direct", [`${ISSUER_HOST}:aud`]: "sts.amazonaws.com" } },
        },
      ],
    });
  });

  it("names the OIDC provider of the role's own account when the role lives in another account", () => {
    const direct = resolveAccess({ ...IRSA, name: "direct", auth: { type: "role", roleArn: USER_ROLE_ARN } });
    expect(buildRequiredTrustPolicy(direct, eksInput).Statement[0]?.Principal).toEqual({ Federated: OIDC_PROVIDER_ARN.replace(ACCOUNT, USER_ROLE_ARN.split(":")[4]) });
  });

  it("trusts the base role with an sts:ExternalId condition when externalId is set", () => {
    const assumed = resolveAccess({ ...IRSA, auth: { type: "role", roleArn: USER_ROLE_ARN, externalId: "eskit-ext-42" } });
    expect(buildRequiredTrustPolicy(assumed, { ...eksInput, baseRoleArn: BASE_ROLE_ARN })).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: BASE_ROLE_ARN }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "eskit-ext-42" } } }],
    });
  });

  it("trusts the base role without a condition when no externalId is set", () => {
    const assumed = resolveAccess({ ...IRSA, auth: { type: "role", roleArn: USER_ROLE_ARN, assume: true } });
    expect(buildRequiredTrustPolicy(assumed, { ...eksInput, baseRoleArn: BASE_ROLE_ARN })).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: BASE_ROLE_ARN }, Action: "sts:AssumeRole" }],
    });
  });

  it("lets the base identity assume only the user's role", () => {
    expect(buildAssumeRolePolicy(USER_ROLE_ARN)).toEqual({ Version: "2012-10-17", Statement: [{ Sid: "AssumeSecretsRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: USER_ROLE_ARN }] });
  });
});

describe("GCP IAM", () => {
  const gke = (over: Partial<AccessSpec> = {}) => resolveAccess({ name: "gke", provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" }, ...over } as AccessSpec);
  const base = `projects/${GCP_PROJECT_NUMBER}/secrets/`;

  it.each<[string, string[], string, string | undefined]>([
    ["a prefix", ["staging-*"], `resource.name.startsWith("${base}staging-")`, undefined],
    ["an exact secret id (the secret and its versions)", ["api-key"], `(resource.name == "${base}api-key" || resource.name.startsWith("${base}api-key/"))`, undefined],
    ["several patterns (any of them)", ["staging-*", "api-key"], `resource.name.startsWith("${base}staging-") || (resource.name == "${base}api-key" || resource.name.startsWith("${base}api-key/"))`, undefined],
    ["a prefix of regional secrets", ["staging-*"], `resource.name.startsWith("projects/${GCP_PROJECT_NUMBER}/locations/europe-west1/secrets/staging-")`, "europe-west1"],
  ])("conditions the accessor on %s, by project number", (_t, restrictTo, expression, location) => {
    expect(buildGcpSecretCondition(gke({ restrictTo, ...(location ? { location } : {}) }), GCP_PROJECT_NUMBER)).toEqual({
      title: "eskit-gke",
      description: `eskit access "gke" may read only: ${restrictTo.join(", ")}`,
      expression,
    });
  });

  it("adds no condition when unrestricted", () => {
    expect(buildGcpSecretCondition(gke(), GCP_PROJECT_NUMBER)).toBeUndefined();
    expect(buildGcpRoleGrants(gke(), GCP_PROJECT_NUMBER)).toEqual([{ role: "roles/secretmanager.secretAccessor" }, { role: "roles/secretmanager.viewer" }]);
  });

  it("grants the conditioned accessor and the unconditioned viewer on GKE", () => {
    const grants = buildGcpRoleGrants(gke({ restrictTo: ["staging-*"] }), GCP_PROJECT_NUMBER);
    expect(grants).toEqual([{ role: "roles/secretmanager.secretAccessor", condition: expect.objectContaining({ expression: `resource.name.startsWith("${base}staging-")` }) }, { role: "roles/secretmanager.viewer" }]);
  });

  it("grants the custom role instead of the accessor for static credentials", () => {
    const fromEks = resolveAccess({ name: "from-eks", provider: "gcp-secret-manager", project: GCP_PROJECT, cluster: EKS, auth: { type: "static", create: true } });
    expect(buildGcpRoleGrants(fromEks, GCP_PROJECT_NUMBER)).toEqual([{ role: `projects/${GCP_PROJECT}/roles/eskit_from_eks_reader` }, { role: "roles/secretmanager.viewer" }]);
  });

  it("binds the access's Kubernetes service account through the workload identity pool", () => {
    const access = gke();
    expect(workloadIdentityMember(GKE.project, access.namespace, access.serviceAccountName)).toBe(`serviceAccount:${GCP_PROJECT}.svc.id.goog[external-secrets/eskit-gke]`);
  });
});

describe("ClusterSecretStore provider per mode", () => {
  const jwt = (sa: string) => ({ jwt: { serviceAccountRef: { name: sa, namespace: "external-secrets" } } });
  const expected: Record<string, unknown> = {
    "irsa, Secrets Manager": { aws: { service: "SecretsManager", region: REGION, auth: jwt("eskit-staging") } },
    "irsa, Parameter Store": { aws: { service: "ParameterStore", region: REGION, auth: jwt("eskit-params") } },
    "role-direct, Secrets Manager": { aws: { service: "SecretsManager", region: REGION, auth: jwt("eskit-direct") } },
    "role-assume without externalId": { aws: { service: "SecretsManager", region: REGION, role: USER_ROLE_ARN, auth: jwt("eskit-assumed") } },
    "role-assume with externalId, Parameter Store": { aws: { service: "ParameterStore", region: REGION, role: USER_ROLE_ARN, externalID: "eskit-ext-42", auth: jwt("eskit-assumed-ext") } },
    "gke-workload-identity, global secrets": {
      gcpsm: { projectID: GCP_PROJECT, auth: { workloadIdentity: { clusterLocation: "europe-west1", clusterName: "prod-cluster", clusterProjectID: GCP_PROJECT, serviceAccountRef: { name: "eskit-gke", namespace: "external-secrets" } } } },
    },
    "gke-workload-identity, regional secrets": {
      gcpsm: { projectID: GCP_PROJECT, location: "europe-west1", auth: { workloadIdentity: { clusterLocation: "europe-west1", clusterName: "prod-cluster", clusterProjectID: GCP_PROJECT, serviceAccountRef: { name: "eskit-gke-regional", namespace: "external-secrets" } } } },
    },
    "static-aws, managed Secret": {
      aws: {
        service: "SecretsManager",
        region: REGION,
        auth: { secretRef: { accessKeyIDSecretRef: { name: "eskit-from-gke-credentials", namespace: "external-secrets", key: "access-key-id" }, secretAccessKeySecretRef: { name: "eskit-from-gke-credentials", namespace: "external-secrets", key: "secret-access-key" } } },
      },
    },
    "static-aws, created credentials": {
      aws: {
        service: "ParameterStore",
        region: REGION,
        auth: { secretRef: { accessKeyIDSecretRef: { name: "eskit-from-gke-created-credentials", namespace: "external-secrets", key: "access-key-id" }, secretAccessKeySecretRef: { name: "eskit-from-gke-created-credentials", namespace: "external-secrets", key: "secret-access-key" } } },
      },
    },
    "static-aws, existingSecret": {
      aws: { service: "SecretsManager", region: REGION, auth: { secretRef: { accessKeyIDSecretRef: { name: "aws-credentials", namespace: "platform", key: "id" }, secretAccessKeySecretRef: { name: "aws-credentials", namespace: "platform", key: "key" } } } },
    },
    "static-gcp, key.json": { gcpsm: { projectID: GCP_PROJECT, auth: { secretRef: { secretAccessKeySecretRef: { name: "eskit-from-eks-credentials", namespace: "external-secrets", key: "credentials.json" } } } } },
    "static-gcp, existingSecret, regional": { gcpsm: { projectID: GCP_PROJECT, location: "us-central1", auth: { secretRef: { secretAccessKeySecretRef: { name: "gcp-key", namespace: "external-secrets", key: "credentials.json" } } } } },
  };

  it.each(ACCESS_CASES)("$title: spec.provider is exact", ({ title, spec }) => {
    expect(buildClusterSecretStore(resolveAccess(spec)).spec).toEqual({ provider: expected[title] });
  });

  it("has an expectation for every case", () => {
    expect(Object.keys(expected).sort()).toEqual(ACCESS_CASES.map((c) => c.title).sort());
  });

  it.each([
    ["irsa", ESKIT_ROLE_ARN, "eks.amazonaws.com/role-arn"],
    ["role-direct", USER_ROLE_ARN, "eks.amazonaws.com/role-arn"],
    ["role-assume", BASE_ROLE_ARN, "eks.amazonaws.com/role-arn"],
    ["gke-workload-identity", GCP_SA_EMAIL, "iam.gke.io/gcp-service-account"],
  ])("annotates the %s ServiceAccount with %s", (mode, value, annotation) => {
    const c = ACCESS_CASES.find((x) => x.mode === mode)!;
    expect(buildServiceAccount(resolveAccess(c.spec), identityFor(c.mode)).metadata.annotations).toEqual({ [annotation]: value });
  });

  it.each(["static-aws", "static-gcp"])("leaves the %s ServiceAccount unannotated", (mode) => {
    const c = ACCESS_CASES.find((x) => x.mode === mode)!;
    expect(buildServiceAccount(resolveAccess(c.spec)).metadata.annotations).toBeUndefined();
  });
});

describe("ExternalSecret", () => {
  const access = resolveAccess({ ...IRSA, restrictTo: ["staging/*"] });
  const env = { DB_PASSWORD: { key: "staging/db", property: "password", version: "AWSCURRENT" }, API_KEY: "staging/api-key" };

  it('fetches on deploy with refreshPolicy OnChange and no interval (refresh "deploy", the default)', () => {
    const es = buildExternalSecret(resolveBinding({ name: "api", namespace: "apps", env }, access));
    expect(es).toEqual({
      apiVersion: "external-secrets.io/v1",
      kind: "ExternalSecret",
      metadata: { name: "api", namespace: "apps", labels: { "app.kubernetes.io/managed-by": "eskit", "eskit.dev/access": "staging" } },
      spec: {
        refreshPolicy: "OnChange",
        secretStoreRef: { kind: "ClusterSecretStore", name: "staging" },
        target: { name: "api", creationPolicy: "Owner", deletionPolicy: "Retain" },
        data: [
          { secretKey: "API_KEY", remoteRef: { key: "staging/api-key" } },
          { secretKey: "DB_PASSWORD", remoteRef: { key: "staging/db", property: "password", version: "AWSCURRENT" } },
        ],
      },
    });
  });

  it("refreshes periodically at the given interval", () => {
    const es = buildExternalSecret(resolveBinding({ name: "api", namespace: "apps", env, refresh: "1h", secretName: "api-env" }, access));
    expect(es.spec).toMatchObject({ refreshPolicy: "Periodic", refreshInterval: "1h", target: { name: "api-env" } });
  });

  it("hands the container env entries and envFrom of the target Secret", () => {
    const binding = resolveBinding({ name: "api", namespace: "apps", env, secretName: "api-env" }, access);
    expect(buildEnv(binding)).toEqual([
      { name: "API_KEY", valueFrom: { secretKeyRef: { name: "api-env", key: "API_KEY" } } },
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "api-env", key: "DB_PASSWORD" } } },
    ]);
    expect(buildEnvFrom(binding)).toEqual([{ secretRef: { name: "api-env" } }]);
  });
});
