/**
 * The Pulumi half of the benchmark: the workload built with @eskit/pulumi, and the same physical
 * resources written by hand with @pulumi/kubernetes and @pulumi/aws (what a user would write without
 * eskit), each run to completion under `pulumi.runtime.setMocks`.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { ServiceAccount } from "@pulumi/kubernetes/core/v1/serviceAccount";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess } from "@eskit/pulumi";
import { ACCOUNT_ID, MANAGED, OIDC_HOST, OIDC_PROVIDER_ARN, OPERATOR_NAMESPACE, REGION, accessCases, bindingCases, eskitAccessProps, envOf, handWrittenExternalSecret, handWrittenStore } from "./scenario";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/** What one program registered. */
export interface PulumiRun {
  /** Custom (physical) resources registered. */
  readonly resources: number;
  /** Component resources registered. */
  readonly components: number;
  /** With `record`: every custom resource as `type/name` -> inputs, to compare the variants. */
  readonly recorded?: Map<string, unknown>;
}

/** A program: declares resources; `run` awaits every registration. */
export type Program = (bindings: number) => void;

/** The workload through eskit's components. */
export const eskitProgram: Program = (count) => {
  const operator = new ExternalSecretsOperator("eso");
  const accesses = accessCases().map(
    (a) =>
      new SecretManagerAccess(a.name, { ...eskitAccessProps(a), operator }),
  );
  for (const b of bindingCases(count)) new ExternalSecretBinding(b.name, { access: accesses[b.access], namespace: b.namespace, env: envOf(b) });
};

const NAMESPACE = OPERATOR_NAMESPACE;
const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** The same resources written by hand: documents and manifests as object literals. */
export const rawProgram: Program = (count) => {
  const namespace = new Namespace("eso", { metadata: { name: NAMESPACE, labels: MANAGED } });
  const release = new Release(
    "eso",
    {
      name: "external-secrets",
      chart: "external-secrets",
      version: "2.9.0",
      repositoryOpts: { repo: "https://charts.external-secrets.io" },
      namespace: NAMESPACE,
      createNamespace: false,
      values: { installCRDs: true },
    },
    { dependsOn: [namespace] },
  );
  const stores = accessCases().map((a) => {
    const serviceAccountName = `eskit-${a.name}`;
    const labels = { ...MANAGED, "eskit.dev/access": a.name };
    const role = new Role(`${a.name}-role`, {
      description: `eskit access "${a.name}": ESO reads AWS Secrets Manager through IRSA`,
      assumeRolePolicy: json({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: OIDC_PROVIDER_ARN },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { [`${OIDC_HOST}:sub`]: `system:serviceaccount:${NAMESPACE}:${serviceAccountName}`, [`${OIDC_HOST}:aud`]: "sts.amazonaws.com" } },
          },
        ],
      }),
      tags: { "managed-by": "eskit" },
    });
    new RolePolicy(`${a.name}-policy`, {
      role: role.id,
      policy: json({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadSecrets",
            Effect: "Allow",
            Action: ["secretsmanager:GetResourcePolicy", "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"],
            Resource: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:${a.restrictTo}-??????`],
          },
          { Sid: "ListSecrets", Effect: "Allow", Action: ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"], Resource: "*" },
        ],
      }),
    });
    const serviceAccount = new ServiceAccount(
      `${a.name}-sa`,
      { metadata: { name: serviceAccountName, namespace: NAMESPACE, labels, annotations: { "eks.amazonaws.com/role-arn": role.arn } } },
      { dependsOn: [release] },
    );
    return new CustomResource(`${a.name}-store`, handWrittenStore(a), { dependsOn: [release, serviceAccount] });
  });
  for (const b of bindingCases(count)) new CustomResource(b.name, handWrittenExternalSecret(b), { dependsOn: stores[b.access] });
};

/** The programs by variant name. */
export const PROGRAMS: Record<"eskit" | "raw", Program> = { eskit: eskitProgram, raw: rawProgram };

/**
 * Installs fresh mocks, runs `program` and waits until every registration (and every component's
 * outputs) has reached the mock monitor. Mocks are process-global, so runs must not overlap.
 */
export async function runPulumi(program: Program, bindings: number, record = false): Promise<PulumiRun> {
  let resources = 0;
  let components = 0;
  const recorded = record ? new Map<string, unknown>() : undefined;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (!args.custom) {
          components++;
          return { id: undefined, state: {} };
        }
        resources++;
        recorded?.set(`${args.type}/${args.name}`, args.inputs);
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type === "aws:iam/role:Role") state.arn = `arn:aws:iam::${ACCOUNT_ID}:role/${args.name}`;
        if (args.type === "kubernetes:helm.sh/v3:Release") state.status = { status: "deployed" };
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    "bench",
    "bench",
    false,
  );
  program(bindings);
  await settings.waitForRPCs();
  return { resources, components, recorded };
}
