/**
 * Pulumi mock runtime for the component tests: installs mocks on import (import this module FIRST in a
 * test file), records every registration with its parent, dependencies, secret outputs and raw inputs
 * (secrets still wrapped), and answers the invokes the components use.
 */
import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): unknown; waitForRPCs(): Promise<void> };

/** Values the mocked invokes and cloud resources return. */
export const MOCK = {
  accountId: "111111111111",
  region: "eu-west-3",
  projectNumber: "987654321098",
  accessKeyId: "AKIAMOCKEDACCESSKEY1",
  secretAccessKey: "mocked/secret+access+key/value",
  gcpPrivateKey: "-----BEGIN PRIVATE KEY-----MOCKEDGCPKEY-----END PRIVATE KEY-----",
} as const;

/** Knobs of the mocked providers, for tests that need an older answer shape. */
export const mockOptions: { awsProviderMajor: 6 | 7 } = { awsProviderMajor: 7 };

/** The key.json the mocked `gcp:serviceaccount/key:Key` returns (base64 in `privateKey`). */
export const MOCK_KEY_JSON = JSON.stringify({ type: "service_account", private_key: MOCK.gcpPrivateKey });

/** One RegisterResource call. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly custom: boolean;
  /** URN of the parent ("" for none). */
  readonly parent: string;
  /** URNs of `dependsOn` (and input) dependencies. */
  readonly dependencies: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  /** Inputs as the engine would receive them: secrets still wrapped in their signature objects. */
  readonly raw: Record<string, unknown>;
  /** Inputs with secrets unwrapped. */
  readonly inputs: Record<string, unknown>;
}

/** Everything the runtime saw. */
export const recorded = {
  registrations: [] as Registration[],
  /** Component outputs (raw, secrets wrapped) by URN. */
  outputs: new Map<string, Record<string, unknown>>(),
  invokes: [] as { token: string; inputs: Record<string, unknown> }[],
};


/** Forgets everything recorded so far. */
export function resetRecorded(): void {
  recorded.registrations.length = 0;
  recorded.outputs.clear();
  recorded.invokes.length = 0;
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** True for a serialized secret. */
export function isSecretValue(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_VALUE;
}
void SECRET_SIG;

/** Unwraps serialized secrets (and resource references) to plain values. */
function unwrap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrap);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[SIG_KEY] === SECRET_VALUE) return unwrap(record.value);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrap(v)]));
}

/** Every string in `value` that is NOT inside a secret. */
export function plainStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => plainStrings(v, out));
  else if (typeof value === "object" && value !== null && !isSecretValue(value)) Object.values(value).forEach((v) => plainStrings(v, out));
  return out;
}

function mockState(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
  const i = args.inputs as Record<string, unknown>;
  const id = `${args.name}-id`;
  switch (args.type) {
    case "aws:iam/role:Role":
    case "aws:iam/user:User":
      return { id: args.name, state: { ...i, name: args.name, arn: `arn:aws:iam::${MOCK.accountId}:${args.type.endsWith("Role") ? "role" : "user"}/${args.name}` } };
    case "aws:iam/accessKey:AccessKey":
      return { id: MOCK.accessKeyId, state: { ...i, secret: MOCK.secretAccessKey } };
    case "gcp:serviceaccount/account:Account": {
      const email = `${i.accountId}@${i.project}.iam.gserviceaccount.com`;
      return { id, state: { ...i, email, name: `projects/${i.project}/serviceAccounts/${email}` } };
    }
    case "gcp:projects/iAMCustomRole:IAMCustomRole":
      return { id, state: { ...i, name: `projects/${i.project}/roles/${i.roleId}` } };
    case "gcp:serviceaccount/key:Key":
      return { id, state: { ...i, privateKey: Buffer.from(MOCK_KEY_JSON).toString("base64") } };
    case "kubernetes:helm.sh/v3:Release":
      return { id, state: { ...i, status: { status: "deployed" } } };
    default:
      return { id, state: i };
  }
}

pulumi.runtime.setMocks(
  {
    newResource: mockState,
    call(args) {
      recorded.invokes.push({ token: args.token, inputs: args.inputs });
      switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
          return { accountId: MOCK.accountId, arn: `arn:aws:iam::${MOCK.accountId}:user/ci`, userId: "AIDAMOCK", id: MOCK.accountId };
        case "aws:index/getRegion:getRegion":
          // @pulumi/aws 6 answered only `name`; 7 answers `region` too (both are in the peer range).
          return mockOptions.awsProviderMajor === 6
            ? { name: MOCK.region, id: MOCK.region, endpoint: `ec2.${MOCK.region}.amazonaws.com`, description: "Europe (Paris)" }
            : { region: MOCK.region, name: MOCK.region, id: MOCK.region, endpoint: `ec2.${MOCK.region}.amazonaws.com`, description: "Europe (Paris)" };
        case "gcp:organizations/getProject:getProject":
          return { number: MOCK.projectNumber, projectId: args.inputs.projectId, name: args.inputs.projectId, id: `projects/${args.inputs.projectId}` };
        default:
          throw new Error(`unexpected invoke ${args.token}`);
      }
    },
  },
  "eskit",
  "test",
  false,
);

type Req = {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getDependenciesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
};
type Callback = (err: unknown, res: { getUrn(): string } | undefined) => void;
const monitor = settings.getMonitor() as {
  registerResource(req: Req, cb: Callback): Promise<void>;
  registerResourceOutputs(req: Req, cb: Callback): void;
};
const registerResource = monitor.registerResource.bind(monitor);
monitor.registerResource = (req, cb) =>
  registerResource(req, (err, res) => {
    if (!err && res) {
      const raw = req.getObject()?.toJavaScript() ?? {};
      recorded.registrations.push({
        type: req.getType(),
        name: req.getName(),
        urn: res.getUrn(),
        custom: req.getCustom(),
        parent: req.getParent(),
        dependencies: req.getDependenciesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        raw,
        inputs: unwrap(raw) as Record<string, unknown>,
      });
    }
    cb(err, res);
  });
const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
monitor.registerResourceOutputs = (req, cb) => {
  recorded.outputs.set(req.getUrn(), req.getOutputs()?.toJavaScript() ?? {});
  registerResourceOutputs(req, cb);
};

/** Waits until every registration (and the applies feeding it) has finished. */
export async function settle(): Promise<void> {
  await settings.waitForRPCs();
}

/** The value of an output (rejects when the output fails). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (output as any).promise().then(resolve, reject);
  });
}

/** Registrations of one type token. */
export function ofType(type: string): Registration[] {
  return recorded.registrations.filter((r) => r.type === type);
}

/** The one registration named `name` (of `type`, when given). */
export function registration(name: string, type?: string): Registration {
  const found = recorded.registrations.filter((r) => r.name === name && (type === undefined || r.type === type));
  if (found.length !== 1) throw new Error(`expected one registration named ${name}${type ? ` of ${type}` : ""}, found ${found.length}: ${recorded.registrations.map((r) => `${r.type}/${r.name}`).join(", ")}`);
  return found[0];
}
