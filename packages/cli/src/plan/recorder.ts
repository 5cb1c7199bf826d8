/** Records what a Pulumi program registers, by wrapping the mock resource monitor. */
import { redactKnownSecrets, toPlain, type Plain } from "./redact";

/** One resource the program registered. */
export interface RecordedResource {
  /** The URN the mock monitor gave it. */
  readonly urn: string;
  /** Type token, e.g. `aws:iam/role:Role`, `kubernetes:core/v1:Namespace`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** False for component resources. */
  readonly custom: boolean;
  /** URN of the parent, when it has one. */
  readonly parent?: string;
  /** URNs it depends on (explicit `dependsOn` and the resources its inputs come from). */
  readonly dependsOn: readonly string[];
  /** Inputs as plain JSON, secrets redacted. */
  readonly inputs: Record<string, Plain>;
  /** Outputs a component registered (`registerOutputs`), secrets redacted. */
  outputs?: Record<string, Plain>;
}

interface StructLike {
  toJavaScript(): Record<string, unknown>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap?(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
}

type Callback = (err: unknown, response: unknown) => void;
type MonitorMethod = (req: unknown, callback: Callback) => unknown;

/** The RPCs the recorder watches on the mock monitor. */
const WATCHED = ["registerResource", "registerResourceOutputs", "invoke", "readResource", "call"] as const;

/** Collects every registered resource and counts RPCs still in flight. */
export class Recorder {
  /** Resources in registration order. */
  readonly resources: RecordedResource[] = [];
  private readonly byUrn = new Map<string, RecordedResource>();
  private inFlight = 0;

  /** RPCs started but not answered yet. */
  get pending(): number {
    return this.inFlight;
  }

  /** Wraps the monitor's RPC methods so every registration is recorded and in-flight calls counted. */
  attach(monitor: Record<string, unknown>): void {
    for (const method of WATCHED) {
      const original = monitor[method] as MonitorMethod | undefined;
      if (typeof original !== "function") continue;
      monitor[method] = (req: unknown, callback: Callback) => {
        this.inFlight++;
        let done = false;
        const finish: Callback = (err, response) => {
          if (!done) {
            done = true;
            this.inFlight--;
            if (!err && method === "registerResource") this.onRegistered(req as RegisterRequest, response as { getUrn(): string });
            if (!err && method === "registerResourceOutputs") this.onOutputs(req as { getUrn(): string; getOutputs(): StructLike | undefined });
          }
          callback(err, response);
        };
        try {
          return original.call(monitor, req, finish);
        } catch (error) {
          finish(error, undefined);
          return undefined;
        }
      };
    }
  }

  private onRegistered(req: RegisterRequest, response: { getUrn(): string }): void {
    const urn = response.getUrn();
    const type = req.getType();
    const raw = req.getObject()?.toJavaScript() ?? {};
    const deps = new Set(req.getDependenciesList());
    req.getPropertydependenciesMap?.().forEach((v) => v.getUrnsList().forEach((u) => deps.add(u)));
    const inputs = redactKnownSecrets(type, toPlain(raw) as Record<string, Plain>);
    const record: RecordedResource = {
      urn,
      type,
      name: req.getName(),
      custom: req.getCustom(),
      ...(req.getParent() ? { parent: req.getParent() } : {}),
      dependsOn: [...deps].filter((d) => d !== urn && d !== req.getParent()),
      inputs,
    };
    this.resources.push(record);
    this.byUrn.set(urn, record);
  }

  private onOutputs(req: { getUrn(): string; getOutputs(): StructLike | undefined }): void {
    const record = this.byUrn.get(req.getUrn());
    const outputs = req.getOutputs()?.toJavaScript();
    if (record && outputs && Object.keys(outputs).length > 0) record.outputs = toPlain(outputs) as Record<string, Plain>;
  }

  /** The resource with this URN. */
  get(urn: string): RecordedResource | undefined {
    return this.byUrn.get(urn);
  }
}
