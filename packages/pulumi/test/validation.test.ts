import { recorded, resetRecorded, settle, valueOf } from "./support/mocks";
import { EKS, GIVEN, GIVEN_KEY_JSON, GKE, withOperator, type AccessInput } from "./support/fixtures";
import * as pulumi from "@pulumi/pulumi";
import { ExternalSecretsOperator, SecretManagerAccess } from "@eskit/pulumi";
import { EskitError, resolveAccess, type AccessSpec } from "@eskit/core";

/** The message core gives for the same access (the component must raise exactly it). */
function coreMessage(name: string, input: AccessInput): string {
  try {
    resolveAccess({ name, namespace: "external-secrets", ...input } as unknown as AccessSpec);
  } catch (error) {
    if (error instanceof EskitError) return error.message;
    throw error;
  }
  throw new Error(`core accepts ${name}`);
}

const BAD: { case: string; input: AccessInput; mentions: string[] }[] = [
  { case: "automatic auth from GKE to AWS", input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: GKE, auth: { type: "automatic" } }, mentions: ["auth.type", "static"] },
  { case: "role auth for GCP Secret Manager", input: { provider: "gcp-secret-manager", cluster: GKE, auth: { type: "role", roleArn: "arn:aws:iam::123456789012:role/x" } }, mentions: ["auth.type", "automatic"] },
  { case: "static credentials inside one cloud", input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: EKS, auth: { type: "static", accessKeyId: GIVEN.accessKeyId, secretAccessKey: GIVEN.secretAccessKey } }, mentions: ["auth.type", "IRSA"] },
  { case: "static auth without credentials", input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: GKE, auth: { type: "static" } as never }, mentions: ["auth:", "create: true"] },
  { case: "half an AWS key pair", input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: GKE, auth: { type: "static", accessKeyId: GIVEN.accessKeyId } as never }, mentions: ["auth.secretAccessKey"] },
  { case: "a malformed role ARN", input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: EKS, auth: { type: "role", roleArn: "arn:aws:iam::1234:user/x" } }, mentions: ["auth.roleArn"] },
  { case: "an externalId with assume: false", input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: EKS, auth: { type: "role", roleArn: "arn:aws:iam::123456789012:role/x", externalId: "ext-1", assume: false } }, mentions: ["auth.externalId"] },
  { case: "given AWS keys without a region (no lookup on GKE)", input: { provider: "aws-secrets-manager", cluster: GKE, auth: { type: "static", accessKeyId: GIVEN.accessKeyId, secretAccessKey: GIVEN.secretAccessKey } }, mentions: ["region: is required"] },
  { case: "an OIDC issuer of another cluster", input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: { ...EKS, oidcIssuerUrl: "https://oidc.eks.eu-west-3.amazonaws.com/id/OTHER" }, auth: { type: "automatic" } }, mentions: ["cluster.oidcIssuerUrl"] },
  { case: "a KMS key of another region", input: { provider: "aws-secrets-manager", region: "eu-west-3", cluster: EKS, auth: { type: "automatic" }, kmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"] }, mentions: ["kmsKeyArns[0]"] },
  { case: "GCP secrets from EKS without a project", input: { provider: "gcp-secret-manager", cluster: EKS, auth: { type: "static", create: true } }, mentions: ["project: is required"] },
  { case: "an empty restriction", input: { provider: "gcp-secret-manager", cluster: GKE, auth: { type: "automatic" }, restrictTo: [] }, mentions: ["restrictTo"] },
  { case: "a key.json that is not one", input: { provider: "gcp-secret-manager", project: "acme-secrets-1", cluster: EKS, auth: { type: "static", credentialsJson: "not json " + GIVEN.privateKey } }, mentions: ["auth.credentialsJson", "[secret]"] },
  { case: "an unknown provider and a bad service account name at once", input: { provider: "azure-key-vault" as never, cluster: EKS, auth: { type: "automatic" }, serviceAccountName: "Not_Valid" }, mentions: ["provider", "serviceAccountName", "2 problems"] },
];

let operator: ExternalSecretsOperator;
beforeAll(async () => {
  operator = new ExternalSecretsOperator("eso");
  await settle();
});
beforeEach(resetRecorded);

describe("SecretManagerAccess rejects invalid inputs before registering anything", () => {
  it.each(BAD)("rejects $case with core's message, naming the field", async ({ case: label, input, mentions }) => {
    const name = label.replace(/[^a-z]+/gi, "-").toLowerCase().slice(0, 40).replace(/-$/, "");
    let caught: unknown;
    try {
      new SecretManagerAccess(name, withOperator(operator, input));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(pulumi.ResourceError);
    const message = (caught as Error).message;
    expect(message).toBe(coreMessage(name, input));
    for (const m of mentions) expect(message).toContain(m);
    expect(message).not.toContain(GIVEN.privateKey);
    expect(message).not.toContain(GIVEN.secretAccessKey);
    await settle();
    expect(recorded.registrations).toEqual([]);
    expect(recorded.invokes).toEqual([]);
  });

  it("rejects an access without an operator, naming the field", () => {
    expect(() => new SecretManagerAccess("no-op", { provider: "aws-secrets-manager", region: "eu-west-3", cluster: EKS, auth: { type: "automatic" } } as never)).toThrow(/operator: must be an ExternalSecretsOperator/);
  });
});

describe("values given as outputs", () => {
  it("are used once known: region, account and OIDC provider as outputs render the same store and policy as plain values", async () => {
    const plain = new SecretManagerAccess("plain-values", withOperator(operator, { provider: "aws-secrets-manager", region: "eu-west-3", accountId: "123456789012", cluster: EKS, auth: { type: "automatic" } }));
    const later = new SecretManagerAccess("output-values", withOperator(operator, {
      provider: "aws-secrets-manager",
      region: pulumi.output("eu-west-3"),
      accountId: Promise.resolve("123456789012"),
      cluster: { cloud: "aws", oidcProviderArn: pulumi.output(EKS.oidcProviderArn), oidcIssuerUrl: pulumi.output(EKS.oidcIssuerUrl) },
      auth: { type: "automatic" },
    }));
    await settle();
    expect(recorded.invokes).toEqual([]);
    expect(await valueOf(later.policy!)).toBe(await valueOf(plain.policy!));
    const store = (name: string) => recorded.registrations.find((r) => r.name === `${name}-store`)!.inputs.spec;
    expect(JSON.stringify(store("output-values")).replace(/output-values/g, "X")).toBe(JSON.stringify(store("plain-values")).replace(/plain-values/g, "X"));
  });

  it("a role's externalId given as an output still selects assume mode", async () => {
    const access = new SecretManagerAccess("later-ext", withOperator(operator, { provider: "aws-secrets-manager", region: "eu-west-3", cluster: EKS, auth: { type: "role", roleArn: "arn:aws:iam::123456789012:role/x", externalId: pulumi.output("ext-1") } }));
    expect(access.resolved.mode).toBe("role-assume");
    await settle();
    const spec = recorded.registrations.find((r) => r.name === "later-ext-store")!.inputs.spec as { provider: { aws: Record<string, unknown> } };
    expect(spec.provider.aws).toMatchObject({ role: "arn:aws:iam::123456789012:role/x", externalID: "ext-1" });
  });

  it("a valid key.json output is written to the Secret as a secret", async () => {
    new SecretManagerAccess("later-json-ok", withOperator(operator, { provider: "gcp-secret-manager", project: "acme-secrets-1", cluster: EKS, auth: { type: "static", credentialsJson: pulumi.output(GIVEN_KEY_JSON) } }));
    await settle();
    const secret = recorded.registrations.find((r) => r.name === "later-json-ok-credentials")!;
    expect(secret.inputs.stringData).toEqual({ "credentials.json": GIVEN_KEY_JSON });
  });
});
