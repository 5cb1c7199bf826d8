import { MOCK, MOCK_KEY_JSON, mockOptions, isSecretValue, plainStrings, recorded, resetRecorded, settle, valueOf, type Registration } from "./support/mocks";
import { EKS, GIVEN, GIVEN_KEY_JSON, GKE, withOperator, type AccessInput } from "./support/fixtures";
import { describeWithEso, formatSchemaErrors, validateEsoObject } from "../../../test/support/eso-schemas";
import * as pulumi from "@pulumi/pulumi";
import { ExternalSecretsOperator, SecretManagerAccess } from "@eskit/pulumi";
import { GCP_STATIC_PERMISSIONS, secretArns } from "@eskit/core";

const ROLE = "arn:aws:iam::210987654321:role/app-secrets";
const K8S = { sa: "kubernetes:core/v1:ServiceAccount", secret: "kubernetes:core/v1:Secret", store: "kubernetes:external-secrets.io/v1:ClusterSecretStore" };
const T = {
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  user: "aws:iam/user:User",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  accessKey: "aws:iam/accessKey:AccessKey",
  gsa: "gcp:serviceaccount/account:Account",
  gsaMember: "gcp:serviceaccount/iAMMember:IAMMember",
  projectMember: "gcp:projects/iAMMember:IAMMember",
  customRole: "gcp:projects/iAMCustomRole:IAMCustomRole",
  key: "gcp:serviceaccount/key:Key",
};

interface ModeCase {
  readonly mode: string;
  readonly input: AccessInput;
  /** Child resource types, sorted. */
  readonly children: string[];
  /** Invoke tokens expected. */
  readonly invokes: string[];
  /** Credential strings that must stay inside secrets. */
  readonly credentials: string[];
}

const CASES: ModeCase[] = [
  {
    mode: "irsa (region and account looked up)",
    input: { provider: "aws-secrets-manager", cluster: EKS, auth: { type: "automatic" }, restrictTo: ["staging/*"] },
    children: [T.role, T.rolePolicy, K8S.sa, K8S.store],
    invokes: ["aws:index/getCallerIdentity:getCallerIdentity", "aws:index/getRegion:getRegion"],
    credentials: [],
  },
  {
    mode: "irsa on Parameter Store with KMS (region and account given)",
    input: { provider: "aws-parameter-store", region: "eu-west-3", accountId: "123456789012", cluster: EKS, auth: { type: "automatic" }, restrictTo: ["/app/prod/*"], kmsKeyArns: ["arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"] },
    children: [T.role, T.rolePolicy, K8S.sa, K8S.store],
    invokes: [],
    credentials: [],
  },
  {
    mode: "role-direct",
    input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: EKS, auth: { type: "role", roleArn: ROLE } },
    children: [K8S.sa, K8S.store],
    invokes: [],
    credentials: [],
  },
  {
    mode: "role-assume (externalId)",
    input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: EKS, auth: { type: "role", roleArn: ROLE, externalId: "eskit-ext-42" } },
    children: [T.role, T.rolePolicy, K8S.sa, K8S.store],
    invokes: [],
    credentials: [],
  },
  {
    mode: "gke-workload-identity (restricted, project number looked up)",
    input: { provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" }, restrictTo: ["staging-*"] },
    children: [T.gsa, T.gsaMember, T.projectMember, T.projectMember, K8S.sa, K8S.store],
    invokes: ["gcp:organizations/getProject:getProject"],
    credentials: [],
  },
  {
    mode: "gke-workload-identity (unrestricted, regional)",
    input: { provider: "gcp-secret-manager", cluster: GKE, location: "europe-west1", auth: { type: "automatic" } },
    children: [T.gsa, T.gsaMember, T.projectMember, T.projectMember, K8S.sa, K8S.store],
    invokes: [],
    credentials: [],
  },
  {
    mode: "static-aws with given keys",
    input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: GKE, auth: { type: "static", accessKeyId: pulumi.secret(GIVEN.accessKeyId), secretAccessKey: GIVEN.secretAccessKey } },
    children: [K8S.secret, K8S.sa, K8S.store],
    invokes: [],
    credentials: [GIVEN.accessKeyId, GIVEN.secretAccessKey],
  },
  {
    mode: "static-aws created (IAM user + key)",
    input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: GKE, auth: { type: "static", create: true }, restrictTo: ["staging/*"] },
    children: [T.user, T.userPolicy, T.accessKey, K8S.secret, K8S.sa, K8S.store],
    invokes: ["aws:index/getCallerIdentity:getCallerIdentity"],
    credentials: [MOCK.accessKeyId, MOCK.secretAccessKey],
  },
  {
    mode: "static-gcp with a given key.json",
    input: { provider: "gcp-secret-manager", project: "acme-secrets-1", cluster: EKS, auth: { type: "static", credentialsJson: pulumi.secret(GIVEN_KEY_JSON) } },
    children: [K8S.secret, K8S.sa, K8S.store],
    invokes: [],
    credentials: [GIVEN.privateKey, GIVEN_KEY_JSON],
  },
  {
    mode: "static-gcp created (custom role + service account + key)",
    input: { provider: "gcp-secret-manager", project: "acme-secrets-1", projectNumber: "123456789012", cluster: EKS, auth: { type: "static", create: true }, restrictTo: ["staging-*"] },
    children: [T.customRole, T.gsa, T.projectMember, T.projectMember, T.key, K8S.secret, K8S.sa, K8S.store],
    invokes: [],
    credentials: [MOCK.gcpPrivateKey, MOCK_KEY_JSON, Buffer.from(MOCK_KEY_JSON).toString("base64")],
  },
  {
    mode: "static with an existing Secret",
    input: { provider: "aws-parameter-store", region: "eu-west-3", cluster: GKE, auth: { type: "static", existingSecret: { name: "aws-credentials", namespace: "infra" } } },
    children: [K8S.sa, K8S.store],
    invokes: [],
    credentials: [],
  },
  {
    mode: 'gke-workload-identity (explicitly unrestricted with ["*"]: no project number needed)',
    input: { provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" }, restrictTo: ["*"] },
    children: [T.gsa, T.gsaMember, T.projectMember, T.projectMember, K8S.sa, K8S.store],
    invokes: [],
    credentials: [],
  },
];

interface Rendered {
  readonly access: SecretManagerAccess;
  readonly component: Registration;
  readonly children: Registration[];
  readonly operatorRelease: Registration;
}

let operator: ExternalSecretsOperator;
beforeAll(async () => {
  operator = new ExternalSecretsOperator("eso");
  await settle();
});

async function render(name: string, input: AccessInput): Promise<Rendered> {
  resetRecorded();
  const access = new SecretManagerAccess(name, withOperator(operator, input));
  await settle();
  const component = recorded.registrations.find((r) => r.type === "eskit:index:SecretManagerAccess" && r.name === name)!;
  const children = recorded.registrations.filter((r) => r.parent === component.urn);
  const operatorRelease = { urn: await valueOf(operator.release.urn) } as Registration;
  return { access, component, children, operatorRelease };
}

const child = (r: Rendered, type: string) => r.children.filter((c) => c.type === type);
const one = (r: Rendered, type: string) => {
  const found = child(r, type);
  expect(found).toHaveLength(1);
  return found[0];
};

describe.each(CASES.map((c, i) => ({ ...c, name: `access-${i}` })))("SecretManagerAccess in $mode", ({ name, input, children, invokes, credentials }) => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(name, input);
  });

  it("registers exactly the resources of its mode, every one parented to the component", () => {
    expect(r.component).toBeDefined();
    expect(r.children.map((c) => c.type).sort()).toEqual([...children].sort());
    expect(recorded.registrations.filter((x) => x !== r.component && x.parent !== r.component.urn)).toEqual([]);
  });

  it("makes only the lookups it needs", () => {
    expect(recorded.invokes.map((i) => i.token).sort()).toEqual([...invokes].sort());
  });

  it("creates the store and service account after the operator release, the store after its service account", () => {
    const store = one(r, K8S.store);
    const sa = one(r, K8S.sa);
    expect(store.dependencies).toEqual(expect.arrayContaining([r.operatorRelease.urn, sa.urn]));
    expect(sa.dependencies).toContain(r.operatorRelease.urn);
  });

  it("never registers an authoritative GCP binding or policy", () => {
    expect(recorded.registrations.map((x) => x.type).filter((t) => /IAMBinding|IAMPolicy/.test(t))).toEqual([]);
  });

  it("keeps every credential inside a secret, in inputs and outputs", async () => {
    const plain = [...recorded.registrations.flatMap((x) => plainStrings(x.raw)), ...[...recorded.outputs.values()].flatMap((o) => plainStrings(o))].join("\n");
    for (const credential of credentials) expect(plain).not.toContain(credential);
    for (const secret of child(r, K8S.secret)) {
      expect(isSecretValue(secret.raw.stringData)).toBe(true);
      expect(secret.additionalSecretOutputs).toEqual(expect.arrayContaining(["data", "stringData"]));
    }
  });

  it("outputs the store and service account names of the access", async () => {
    expect(await valueOf(r.access.storeName)).toBe(name);
    expect(await valueOf(r.access.serviceAccountName)).toBe(`eskit-${name}`);
    expect(r.access.resolved.storeName).toBe(name);
  });

  describeWithEso("against the ESO CRDs", () => {
    it("renders a store and service account the API server accepts", () => {
      for (const obj of [one(r, K8S.store).inputs, one(r, K8S.sa).inputs, ...child(r, K8S.secret).map((s) => s.inputs)]) {
        const errors = validateEsoObject(obj);
        expect(formatSchemaErrors(errors)).toBe("");
      }
    });
  });
});

describe("what each mode puts in IAM and in the store", () => {
  const json = (reg: Registration, field: string) => JSON.parse(reg.inputs[field] as string);

  it("irsa: trusts only the access's service account through the cluster's OIDC provider and grants the least-privilege policy", async () => {
    const r = await render("irsa-detail", CASES[0].input);
    const trust = json(one(r, T.role), "assumeRolePolicy");
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Federated: EKS.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:external-secrets:eskit-irsa-detail", "oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud": "sts.amazonaws.com" } },
      },
    ]);
    const policy = json(one(r, T.rolePolicy), "policy");
    expect(policy.Statement[0].Resource).toEqual(secretArns({ region: MOCK.region, accountId: MOCK.accountId }, ["staging/*"]));
    expect(policy.Statement[1]).toMatchObject({ Action: ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"], Resource: "*" });
    expect(one(r, T.rolePolicy).dependencies).toContain(one(r, T.role).urn);
    expect(await valueOf(r.access.policy!)).toBe(one(r, T.rolePolicy).inputs.policy);
    const roleArn = await valueOf(r.access.roleArn!);
    expect((one(r, K8S.sa).inputs.metadata as { annotations: Record<string, string> }).annotations).toEqual({ "eks.amazonaws.com/role-arn": roleArn });
    expect(one(r, K8S.store).inputs.spec).toEqual({ provider: { aws: { service: "SecretsManager", region: MOCK.region, auth: { jwt: { serviceAccountRef: { name: "eskit-irsa-detail", namespace: "external-secrets" } } } } } });
  });

  it("irsa on Parameter Store: parameter ARNs without the leading slash, kms:Decrypt only through SSM", async () => {
    const r = await render("ssm-detail", CASES[1].input);
    const policy = json(one(r, T.rolePolicy), "policy");
    expect(policy.Statement[0].Resource).toEqual(["arn:aws:ssm:eu-west-3:123456789012:parameter/app/prod/*"]);
    expect(policy.Statement[2]).toMatchObject({ Action: ["kms:Decrypt"], Condition: { StringEquals: { "kms:ViaService": "ssm.eu-west-3.amazonaws.com" } } });
  });

  it("role-direct: creates no IAM, annotates the service account with the user's role and outputs the trust it needs", async () => {
    const r = await render("direct-detail", CASES[2].input);
    expect(r.children.filter((c) => c.type.startsWith("aws:"))).toEqual([]);
    expect((one(r, K8S.sa).inputs.metadata as { annotations: Record<string, string> }).annotations).toEqual({ "eks.amazonaws.com/role-arn": ROLE });
    expect(await valueOf(r.access.roleArn!)).toBe(ROLE);
    const trust = JSON.parse(await valueOf(r.access.requiredTrustPolicy!));
    expect(trust.Statement[0].Action).toBe("sts:AssumeRoleWithWebIdentity");
    expect(trust.Statement[0].Condition.StringEquals["oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub"]).toBe("system:serviceaccount:external-secrets:eskit-direct-detail");
    const policy = JSON.parse(await valueOf(r.access.policy!));
    expect(policy.Statement[0].Resource).toEqual(["arn:aws:secretsmanager:eu-west-3:210987654321:secret:*"]);
  });

  it("role-assume: a base role that may only assume the user's role, the store assuming it with the external id", async () => {
    const r = await render("assume-detail", CASES[3].input);
    const base = one(r, T.role);
    expect(json(one(r, T.rolePolicy), "policy").Statement).toEqual([{ Sid: "AssumeSecretsRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE }]);
    const baseArn = await valueOf(r.access.baseRoleArn!);
    expect(baseArn).toContain(base.name);
    expect((one(r, K8S.sa).inputs.metadata as { annotations: Record<string, string> }).annotations).toEqual({ "eks.amazonaws.com/role-arn": baseArn });
    expect((one(r, K8S.store).inputs.spec as { provider: { aws: Record<string, unknown> } }).provider.aws).toMatchObject({ role: ROLE, externalID: "eskit-ext-42" });
    expect(JSON.parse(await valueOf(r.access.requiredTrustPolicy!)).Statement).toEqual([
      { Effect: "Allow", Principal: { AWS: baseArn }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "eskit-ext-42" } } },
    ]);
  });

  it("GKE automatic: workload identity for the access's service account, accessor conditioned on the project number, viewer", async () => {
    const r = await render("wi-detail", CASES[4].input);
    const gsa = one(r, T.gsa);
    expect(gsa.inputs).toMatchObject({ accountId: "eskit-wi-detail", project: "acme-prod-42" });
    expect(one(r, T.gsaMember).inputs).toMatchObject({ role: "roles/iam.workloadIdentityUser", member: "serviceAccount:acme-prod-42.svc.id.goog[external-secrets/eskit-wi-detail]" });
    const email = await valueOf(r.access.gcpServiceAccountEmail!);
    const members = child(r, T.projectMember).map((m) => m.inputs);
    expect(members).toEqual(expect.arrayContaining([
      expect.objectContaining({ role: "roles/secretmanager.secretAccessor", member: `serviceAccount:${email}`, condition: expect.objectContaining({ expression: `resource.name.startsWith("projects/${MOCK.projectNumber}/secrets/staging-")` }) }),
      expect.objectContaining({ role: "roles/secretmanager.viewer", member: `serviceAccount:${email}` }),
    ]));
    expect(members.find((m) => m.role === "roles/secretmanager.viewer")?.condition).toBeUndefined();
    expect((one(r, K8S.sa).inputs.metadata as { annotations: Record<string, string> }).annotations).toEqual({ "iam.gke.io/gcp-service-account": email });
    expect((one(r, K8S.store).inputs.spec as { provider: unknown }).provider).toEqual({
      gcpsm: { projectID: "acme-prod-42", auth: { workloadIdentity: { clusterLocation: "europe-west1", clusterName: "prod-cluster", clusterProjectID: "acme-prod-42", serviceAccountRef: { name: "eskit-wi-detail", namespace: "external-secrets" } } } },
    });
  });

  it("static-aws created: a least-privilege user policy, the key in a secret, and how to rotate it", async () => {
    const r = await render("static-aws-detail", CASES[7].input);
    expect(json(one(r, T.userPolicy), "policy").Statement[0].Resource).toEqual(secretArns({ region: "eu-west-3", accountId: MOCK.accountId }, ["staging/*"]));
    const secret = one(r, K8S.secret);
    expect(secret.inputs.stringData).toEqual({ "access-key-id": MOCK.accessKeyId, "secret-access-key": MOCK.secretAccessKey });
    expect(secret.dependencies).toEqual(expect.arrayContaining([r.operatorRelease.urn]));
    const rotation = await valueOf(r.access.rotation!);
    expect(rotation).toContain(`pulumi up --replace '${one(r, T.accessKey).urn}'`);
    expect(rotation).toContain("rotationTrigger");
    expect((one(r, K8S.store).inputs.spec as { provider: { aws: { auth: unknown } } }).provider.aws.auth).toEqual({
      secretRef: {
        accessKeyIDSecretRef: { name: "eskit-static-aws-detail-credentials", namespace: "external-secrets", key: "access-key-id" },
        secretAccessKeySecretRef: { name: "eskit-static-aws-detail-credentials", namespace: "external-secrets", key: "secret-access-key" },
      },
    });
  });

  it("static-gcp created: a custom role with only the needed permissions, conditioned, and the decoded key.json in a secret", async () => {
    const r = await render("static-gcp-detail", CASES[9].input);
    expect(one(r, T.customRole).inputs).toMatchObject({ permissions: [...GCP_STATIC_PERMISSIONS], project: "acme-secrets-1" });
    const reader = child(r, T.projectMember).find((m) => String(m.inputs.role).includes("/roles/"))!;
    expect(reader.inputs.role).toBe("projects/acme-secrets-1/roles/eskit_static_gcp_detail_reader");
    expect((reader.inputs.condition as { expression: string }).expression).toBe('resource.name.startsWith("projects/123456789012/secrets/staging-")');
    expect(reader.dependencies).toContain(one(r, T.customRole).urn);
    expect(one(r, K8S.secret).inputs.stringData).toEqual({ "credentials.json": MOCK_KEY_JSON });
    expect(await valueOf(r.access.rotation!)).toContain(one(r, T.key).urn);
  });

  it("static-gcp with a rotation trigger: the key's keepers carry it, so changing it replaces the key", async () => {
    const r = await render("static-gcp-rotate", { ...CASES[9].input, auth: { type: "static", create: true, rotationTrigger: "2026-q1" } });
    expect(one(r, T.key).inputs.keepers).toEqual({ rotation: "2026-q1" });
  });

  it("static with given keys: the Secret holds them under the default keys", async () => {
    const r = await render("static-given-detail", CASES[6].input);
    expect(one(r, K8S.secret).inputs.stringData).toEqual({ "access-key-id": GIVEN.accessKeyId, "secret-access-key": GIVEN.secretAccessKey });
  });

  it("existing Secret: the store points at it and nothing else holds credentials", async () => {
    const r = await render("existing-detail", CASES[10].input);
    expect((one(r, K8S.store).inputs.spec as { provider: { aws: { auth: unknown; service: string } } }).provider.aws).toMatchObject({
      service: "ParameterStore",
      auth: { secretRef: { accessKeyIDSecretRef: { name: "aws-credentials", namespace: "infra", key: "access-key-id" } } },
    });
  });

  it("limits the store to the allowed namespaces", async () => {
    const r = await render("ns-detail", { ...CASES[2].input, allowedNamespaces: ["api", "web"] });
    expect((one(r, K8S.store).inputs.spec as { conditions: unknown }).conditions).toEqual([{ namespaces: ["api", "web"] }]);
  });
});

describe("SecretManagerAccess with @pulumi/aws 6 (getRegion answers only `name`)", () => {
  afterAll(() => {
    mockOptions.awsProviderMajor = 7;
  });

  it("still finds the looked-up region for the store and the policy", async () => {
    mockOptions.awsProviderMajor = 6;
    const r = await render("aws6", { provider: "aws-secrets-manager", cluster: EKS, auth: { type: "automatic" }, restrictTo: ["staging/*"] });
    const store = one(r, K8S.store);
    expect((store.inputs.spec as { provider: { aws: { region: string } } }).provider.aws.region).toBe(MOCK.region);
    expect(await valueOf(r.access.policy!)).toContain(`arn:aws:secretsmanager:${MOCK.region}:`);
  });
});
