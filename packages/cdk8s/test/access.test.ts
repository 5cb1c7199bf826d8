import { REDACTED, validateAccess, type AccessSpec } from "@eskit/core";
import { SecretManagerAccess, type SecretManagerAccessProps } from "@eskit/cdk8s";
import { Chart, Testing } from "cdk8s";
import fc from "fast-check";
import { stringify } from "yaml";
import { describeWithEso, formatSchemaErrors, validateEsoObject } from "../../../test/support/eso-schemas";
import {
  ACCOUNT,
  BASE_ROLE_ARN,
  CDK8S_ACCESS_CASES,
  EKS,
  ESKIT_ROLE_ARN,
  FAKE_ACCESS_KEY_ID,
  FAKE_KEY_JSON,
  FAKE_SECRET_ACCESS_KEY,
  GCP_PROJECT,
  GCP_SA_EMAIL,
  GKE,
  OIDC_PROVIDER_ARN,
  REGION,
  USER_ROLE_ARN,
  errorOf,
  objectsOfKind,
  type Manifest,
} from "./fixtures";

const irsa: SecretManagerAccessProps = { provider: "aws-secrets-manager", region: REGION, cluster: EKS, auth: { type: "automatic" }, roleArn: ESKIT_ROLE_ARN };

describeWithEso("SecretManagerAccess conformance", () => {
  it.each(CDK8S_ACCESS_CASES)("renders a ServiceAccount and a ClusterSecretStore the v1 CRD accepts ($title)", ({ props, mode }) => {
    const chart = Testing.chart();
    const access = new SecretManagerAccess(chart, "staging", props);
    expect(access.mode).toBe(mode);
    const objects = Testing.synth(chart);
    expect(objects.map((o: Manifest) => o.kind)).toEqual(["ServiceAccount", "ClusterSecretStore"]);
    for (const object of objects) expect(formatSchemaErrors(validateEsoObject(object))).toBe("");
  });
});

describe("SecretManagerAccess", () => {
  it.each([
    ["irsa", irsa, ESKIT_ROLE_ARN],
    ["role-direct", { ...irsa, auth: { type: "role", roleArn: USER_ROLE_ARN }, roleArn: undefined }, USER_ROLE_ARN],
    ["role-assume", { ...irsa, auth: { type: "role", roleArn: USER_ROLE_ARN, assume: true }, roleArn: BASE_ROLE_ARN }, BASE_ROLE_ARN],
  ] as const)("annotates the service account with the role ESO uses through IRSA (%s)", (_mode, props, annotated) => {
    const chart = Testing.chart();
    new SecretManagerAccess(chart, "staging", props as SecretManagerAccessProps);
    const [sa] = objectsOfKind(chart, "ServiceAccount");
    expect(sa.metadata.annotations).toEqual({ "eks.amazonaws.com/role-arn": annotated });
  });

  it("annotates the service account with the GCP service account on GKE and exposes the Workload Identity member", () => {
    const chart = Testing.chart();
    const access = new SecretManagerAccess(chart, "gke", CDK8S_ACCESS_CASES.find((c) => c.mode === "gke-workload-identity")!.props);
    const [sa] = objectsOfKind(chart, "ServiceAccount");
    expect(sa.metadata.annotations).toEqual({ "iam.gke.io/gcp-service-account": GCP_SA_EMAIL });
    expect(access.workloadIdentityMember).toBe(`serviceAccount:${GKE.project}.svc.id.goog[external-secrets/eskit-gke]`);
    expect(access.gcpRoles?.map((g) => g.role)).toEqual(["roles/secretmanager.secretAccessor", "roles/secretmanager.viewer"]);
    expect(access.gcpRoles?.[0]?.condition?.expression).toContain('resource.name.startsWith("projects/123456789012/secrets/staging-")');
  });

  it("names the store after the construct id unless a name is given", () => {
    const chart = Testing.chart();
    expect(new SecretManagerAccess(chart, "staging", irsa).storeName).toBe("staging");
    expect(new SecretManagerAccess(chart, "other", { ...irsa, name: "prod" }).storeName).toBe("prod");
  });

  it("keeps the ClusterSecretStore cluster-scoped in a chart with a namespace", () => {
    const app = Testing.app();
    const chart = new Chart(app, "apps", { namespace: "shop" });
    new SecretManagerAccess(chart, "staging", irsa);
    const [store] = objectsOfKind(chart, "ClusterSecretStore");
    const [sa] = objectsOfKind(chart, "ServiceAccount");
    expect(store.metadata.namespace).toBeUndefined();
    expect(sa.metadata.namespace).toBe("external-secrets");
  });

  it("exposes the least-privilege policy and the IRSA trust for automatic on EKS, using the role's account", () => {
    const access = new SecretManagerAccess(Testing.chart(), "staging", { ...irsa, restrictTo: ["staging/*"] });
    expect(access.iamPolicy?.Statement[0]).toMatchObject({ Resource: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:staging/*-??????`] });
    expect(access.trustPolicy?.Statement[0]).toMatchObject({
      Principal: { Federated: OIDC_PROVIDER_ARN },
      Condition: { StringEquals: { [`${EKS.oidcIssuerUrl.replace("https://", "")}:sub`]: "system:serviceaccount:external-secrets:eskit-staging" } },
    });
    expect(access.baseRolePolicy).toBeUndefined();
  });

  it("exposes the trust the user's role needs and the base role's documents in role assume mode", () => {
    const access = new SecretManagerAccess(Testing.chart(), "assumed", { ...irsa, auth: { type: "role", roleArn: USER_ROLE_ARN, externalId: "eskit-ext-42" }, roleArn: BASE_ROLE_ARN });
    expect(access.trustPolicy?.Statement[0]).toMatchObject({ Principal: { AWS: BASE_ROLE_ARN }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "eskit-ext-42" } } });
    expect(access.baseRolePolicy?.Statement[0]).toMatchObject({ Action: "sts:AssumeRole", Resource: USER_ROLE_ARN });
    expect(access.baseRoleTrustPolicy?.Statement[0]?.Action).toBe("sts:AssumeRoleWithWebIdentity");
    expect(access.iamPolicy?.Statement[0]?.Resource).toEqual([`arn:aws:secretsmanager:${REGION}:${USER_ROLE_ARN.split(":")[4]}:secret:*`]);
  });

  it("leaves iamPolicy undefined when the account of static credentials is not given", () => {
    const access = new SecretManagerAccess(Testing.chart(), "from-gke", { provider: "aws-secrets-manager", region: REGION, cluster: GKE, auth: { type: "static", existingSecret: "aws" } });
    expect(access.iamPolicy).toBeUndefined();
    expect(access.trustPolicy).toBeUndefined();
  });

  it("references the existing Secret by name in the store", () => {
    const chart = Testing.chart();
    new SecretManagerAccess(chart, "from-eks", { provider: "gcp-secret-manager", project: GCP_PROJECT, cluster: EKS, auth: { type: "static", existingSecret: "gcp-key" } });
    const [store] = objectsOfKind(chart, "ClusterSecretStore");
    expect(store.spec.provider.gcpsm.auth).toEqual({ secretRef: { secretAccessKeySecretRef: { name: "gcp-key", namespace: "external-secrets", key: "credentials.json" } } });
  });

  it.each([
    ["irsa without roleArn", { ...irsa, roleArn: undefined }, "roleArn", "trustPolicy"],
    ["role assume without the base roleArn", { ...irsa, auth: { type: "role", roleArn: USER_ROLE_ARN, assume: true }, roleArn: undefined }, "roleArn", "base role"],
    ["GKE automatic without gcpServiceAccountEmail", { ...CDK8S_ACCESS_CASES[6]!.props, gcpServiceAccountEmail: undefined }, "gcpServiceAccountEmail", "workloadIdentityMember"],
  ] as const)("rejects %s, naming the field and the fix", (_title, props, field, fix) => {
    const error = errorOf(() => new SecretManagerAccess(Testing.chart(), "staging", props as SecretManagerAccessProps));
    expect(error.problems).toContainEqual(expect.objectContaining({ path: field, message: expect.stringContaining("cdk8s does not create cloud identities") }));
    expect(error.message).toContain(fix);
  });

  it("rejects an identity that does not apply to the mode, quoting it", () => {
    const error = errorOf(() => new SecretManagerAccess(Testing.chart(), "direct", { ...irsa, auth: { type: "role", roleArn: USER_ROLE_ARN }, roleArn: BASE_ROLE_ARN, gcpServiceAccountEmail: GCP_SA_EMAIL }));
    expect(error.problems.map((p) => p.path)).toEqual(["roleArn", "gcpServiceAccountEmail"]);
    expect(error.message).toContain(JSON.stringify(BASE_ROLE_ARN));
  });

  it("reports core's problems with core's messages, together with its own, at once", () => {
    const props = { ...irsa, region: "paris", roleArn: "not-an-arn" };
    const error = errorOf(() => new SecretManagerAccess(Testing.chart(), "staging", props));
    const { roleArn: _r, ...spec } = props;
    for (const p of validateAccess({ ...spec, name: "staging" } as AccessSpec)) expect(error.problems).toContainEqual(p);
    expect(error.problems.map((p) => p.path)).toEqual(["region", "roleArn"]);
    expect(error.message).toMatch(/^Invalid Secret Manager Access "staging": 2 problems/);
  });

  it("asks for existingSecret when static auth has none", () => {
    const error = errorOf(() => new SecretManagerAccess(Testing.chart(), "from-gke", { provider: "aws-secrets-manager", region: REGION, cluster: GKE, auth: { type: "static" } as never }));
    expect(error.problems).toEqual([expect.objectContaining({ path: "auth.existingSecret", message: expect.stringContaining("existing Kubernetes Secret") })]);
  });

  const credentialCases = [
    ["auth.accessKeyId", { provider: "aws-secrets-manager", region: REGION, cluster: GKE, auth: { type: "static", accessKeyId: FAKE_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY } }, [FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY]],
    ["auth.secretAccessKey", { provider: "aws-parameter-store", region: REGION, cluster: GKE, auth: { type: "static", secretAccessKey: FAKE_SECRET_ACCESS_KEY, existingSecret: "aws" } }, [FAKE_SECRET_ACCESS_KEY]],
    ["auth.credentialsJson", { provider: "gcp-secret-manager", project: GCP_PROJECT, cluster: EKS, auth: { type: "static", credentialsJson: FAKE_KEY_JSON } }, [FAKE_KEY_JSON, "FAKEPRIVATEKEYMATERIAL"]],
  ] as const;

  it.each(credentialCases)("rejects the credential prop %s, redacted, pointing to an out-of-band Secret", (field, props, literals) => {
    const chart = Testing.chart();
    const error = errorOf(() => new SecretManagerAccess(chart, "creds", props as unknown as SecretManagerAccessProps));
    expect(error.problems).toContainEqual(expect.objectContaining({ path: field, value: REDACTED, message: expect.stringContaining("cdk8s never holds credentials") }));
    expect(error.message).toContain("sealed-secrets");
    expect(error.message).toContain("existingSecret");
    const yaml = stringify(Testing.synth(chart));
    for (const literal of literals) {
      expect(error.message).not.toContain(literal);
      expect(JSON.stringify(error.problems)).not.toContain(literal);
      expect(yaml).not.toContain(literal);
    }
  });

  it("rejects create: true, since cdk8s provisions no credentials", () => {
    const error = errorOf(() => new SecretManagerAccess(Testing.chart(), "creds", { provider: "aws-secrets-manager", region: REGION, cluster: GKE, auth: { type: "static", create: true } as never }));
    expect(error.problems).toEqual([expect.objectContaining({ path: "auth.create", value: true, fix: expect.stringContaining("SOPS") })]);
  });

  it("never echoes any credential value, whatever it is", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).map((s) => `k3y~${s}`), fc.constantFrom("accessKeyId", "secretAccessKey", "credentialsJson"), (value, field) => {
        const chart = Testing.chart();
        const props = { provider: "aws-secrets-manager", region: REGION, cluster: GKE, auth: { type: "static", existingSecret: "aws", [field]: value } };
        const error = errorOf(() => new SecretManagerAccess(chart, "creds", props as unknown as SecretManagerAccessProps));
        const text = `${error.message}\n${JSON.stringify(error.problems)}\n${stringify(Testing.synth(chart))}`;
        return !text.includes(value);
      }),
      { numRuns: 100 },
    );
  });
});
