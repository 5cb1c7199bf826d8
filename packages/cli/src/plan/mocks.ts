/** Mocks for Pulumi's runtime: resources echo their inputs plus plausible ids, ARNs and e-mails. */
import type { MockCallArgs, MockCallResult, MockResourceArgs, MockResourceResult } from "@pulumi/pulumi/runtime";
import { REDACTED } from "@eskit/core";

/** The account id every mocked AWS call and ARN uses. */
export const MOCK_ACCOUNT_ID = "123456789012";
/** The project number every mocked GCP call uses. */
export const MOCK_PROJECT_NUMBER = "123456789012";
/** AWS region used when the stack config has no `aws:region`. */
export const DEFAULT_MOCK_REGION = "eu-west-3";
/** GCP project used when neither the resource nor the stack config names one. */
export const DEFAULT_MOCK_PROJECT = "mock-project";

/** What the mocks read from the stack configuration. */
export interface MockContext {
  /** Full config map (`project:key` -> value), as the program sees it. */
  readonly config: Readonly<Record<string, string>>;
}

/** Calls the mocks did not know, reported as warnings (they echo their inputs). */
export interface MockNotes {
  readonly unmockedCalls: Set<string>;
}

type State = Record<string, unknown>;

function region(ctx: MockContext): string {
  return ctx.config["aws:region"] ?? DEFAULT_MOCK_REGION;
}

function gcpProject(ctx: MockContext, inputs: State): string {
  return (typeof inputs.project === "string" && inputs.project) || ctx.config["gcp:project"] || DEFAULT_MOCK_PROJECT;
}

function str(v: unknown, fallback: string): string {
  return typeof v === "string" && v !== "" ? v : fallback;
}

/** The mocked state (outputs) of one resource: its inputs plus what the provider would compute. */
export function mockState(args: MockResourceArgs, ctx: MockContext): { id: string; state: State } {
  const inputs: State = { ...(args.inputs as State) };
  const name = args.name;
  const acct = MOCK_ACCOUNT_ID;
  const arn = (service: string, resource: string, withRegion = true) => `arn:aws:${service}:${withRegion ? region(ctx) : ""}:${acct}:${resource}`;
  switch (args.type) {
    case "aws:iam/role:Role": {
      const roleName = str(inputs.name, name);
      return { id: roleName, state: { ...inputs, name: roleName, arn: arn("iam", `role/${roleName}`, false), uniqueId: `AROAMOCK${name.length}` } };
    }
    case "aws:iam/policy:Policy": {
      const policyName = str(inputs.name, name);
      return { id: arn("iam", `policy/${policyName}`, false), state: { ...inputs, name: policyName, arn: arn("iam", `policy/${policyName}`, false), policyId: "ANPAMOCK" } };
    }
    case "aws:iam/user:User": {
      const userName = str(inputs.name, name);
      return { id: userName, state: { ...inputs, name: userName, arn: arn("iam", `user/${userName}`, false), uniqueId: "AIDAMOCK" } };
    }
    case "aws:iam/accessKey:AccessKey":
      return { id: "AKIAMOCKMOCKMOCKMOCK", state: { ...inputs, secret: REDACTED, sesSmtpPasswordV4: REDACTED, status: "Active" } };
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
      const host = str(inputs.url, "https://oidc.example.com").replace(/^https:\/\//, "");
      return { id: arn("iam", `oidc-provider/${host}`, false), state: { ...inputs, arn: arn("iam", `oidc-provider/${host}`, false) } };
    }
    case "aws:secretsmanager/secret:Secret": {
      const secretName = str(inputs.name, name);
      return { id: arn("secretsmanager", `secret:${secretName}-AbCdEf`), state: { ...inputs, name: secretName, arn: arn("secretsmanager", `secret:${secretName}-AbCdEf`) } };
    }
    case "aws:ssm/parameter:Parameter": {
      const paramName = str(inputs.name, name);
      return { id: paramName, state: { ...inputs, name: paramName, arn: arn("ssm", `parameter/${paramName.replace(/^\//, "")}`), value: REDACTED } };
    }
    case "gcp:serviceaccount/account:Account":
    case "gcp:serviceAccount/account:Account": {
      const project = gcpProject(ctx, inputs);
      const email = `${str(inputs.accountId, name)}@${project}.iam.gserviceaccount.com`;
      return { id: `projects/${project}/serviceAccounts/${email}`, state: { ...inputs, project, email, name: `projects/${project}/serviceAccounts/${email}`, member: `serviceAccount:${email}`, uniqueId: "100000000000000000001" } };
    }
    case "gcp:serviceaccount/key:Key":
    case "gcp:serviceAccount/key:Key":
      return { id: `${str(inputs.serviceAccountId, name)}/keys/mock`, state: { ...inputs, privateKey: REDACTED, publicKey: "bW9jaw==", name: `${str(inputs.serviceAccountId, name)}/keys/mock` } };
    case "gcp:projects/iAMCustomRole:IAMCustomRole": {
      const project = gcpProject(ctx, inputs);
      const roleName = `projects/${project}/roles/${str(inputs.roleId, name)}`;
      return { id: roleName, state: { ...inputs, project, name: roleName } };
    }
    case "kubernetes:helm.sh/v3:Release": {
      const releaseName = str(inputs.name, name);
      return { id: `${str(inputs.namespace, "default")}/${releaseName}`, state: { ...inputs, name: releaseName, status: { name: releaseName, namespace: inputs.namespace, chart: inputs.chart, version: inputs.version, status: "deployed" } } };
    }
  }
  if (args.type.startsWith("kubernetes:")) {
    const metadata = { ...((inputs.metadata as State | undefined) ?? {}) };
    metadata.name ??= name;
    const ns = typeof metadata.namespace === "string" ? `${metadata.namespace}/` : "";
    return { id: `${ns}${String(metadata.name)}`, state: { ...inputs, metadata } };
  }
  return { id: args.custom === false ? "" : `${name}-id`, state: inputs };
}

/** The mocked result of a provider function (invoke). Unknown functions echo their inputs. */
export function mockCall(args: MockCallArgs, ctx: MockContext, notes?: MockNotes): MockCallResult {
  const inputs = (args.inputs ?? {}) as State;
  switch (args.token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/eskit-plan`, userId: "AIDAMOCK", id: MOCK_ACCOUNT_ID };
    case "aws:index/getRegion:getRegion": {
      const r = region(ctx);
      return { name: r, region: r, id: r, description: r, endpoint: `ec2.${r}.amazonaws.com` };
    }
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
    case "gcp:organizations/getProject:getProject": {
      const projectId = str(inputs.projectId, ctx.config["gcp:project"] ?? DEFAULT_MOCK_PROJECT);
      return { number: MOCK_PROJECT_NUMBER, projectId, name: projectId, id: `projects/${projectId}` };
    }
    case "gcp:organizations/getClientConfig:getClientConfig":
      return { project: ctx.config["gcp:project"] ?? DEFAULT_MOCK_PROJECT, region: ctx.config["gcp:region"] ?? "europe-west1", zone: ctx.config["gcp:zone"] ?? "europe-west1-b", accessToken: REDACTED, id: "mock" };
  }
  notes?.unmockedCalls.add(args.token);
  return inputs;
}

/** A Pulumi `Mocks` object over `mockState` and `mockCall`. */
export function createMocks(ctx: MockContext, notes?: MockNotes): { newResource(args: MockResourceArgs): MockResourceResult; call(args: MockCallArgs): MockCallResult } {
  return {
    newResource: (args) => mockState(args, ctx),
    call: (args) => mockCall(args, ctx, notes),
  };
}
