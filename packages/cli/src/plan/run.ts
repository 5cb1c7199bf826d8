/** `planProgram`: run a Pulumi program offline under mocks and record what it would create. */
import { createRequire } from "node:module";
import path from "node:path";
import { REDACTED } from "@eskit/core";
import { createMocks, type MockNotes } from "./mocks";
import { readProject, type PulumiProject } from "./project";
import { Recorder, type RecordedResource } from "./recorder";
import { toPlain, type Plain } from "./redact";
import { installTypeScriptHook } from "./ts-hook";
import { buildPlanFiles, writePlanFiles, type PlanFile } from "./writers";

/** Options of `planProgram`. */
export interface PlanOptions {
  /** Stack whose `Pulumi.<stack>.yaml` config is loaded. @default "dev" */
  readonly stack?: string;
  /** Folder the plan files are written to. @default "<dir>/eskit-plan" */
  readonly out?: string;
  /** Write the plan files (false: only compute them). @default true */
  readonly write?: boolean;
  /** How long to wait for the program to settle before giving up, in milliseconds. @default 30000 */
  readonly timeoutMs?: number;
}

/** An error the program raised while running (an exception, a rejected output, a `ResourceError`). */
export interface PlanError {
  /** Error class name (`ResourceError`, `EskitError`, `TypeError`, ...). */
  readonly name: string;
  /** Its message (eskit validation messages list every problem, one per line). */
  readonly message: string;
}

/** What a plan found. */
export interface PlanResult {
  /** The project that ran. */
  readonly project: PulumiProject;
  /** Every registered resource, in registration order, secrets redacted. */
  readonly resources: readonly RecordedResource[];
  /** The program's exports (stack outputs), secrets redacted. */
  readonly outputs: Record<string, Plain>;
  /** Errors raised by the program; a plan with errors is invalid and writes no files. */
  readonly errors: readonly PlanError[];
  /** Things worth knowing that did not fail the plan (unmocked provider functions, ...). */
  readonly warnings: readonly string[];
  /** Files of the plan, relative to `outDir`. */
  readonly files: readonly PlanFile[];
  /** Absolute folder the files are (or would be) written to. */
  readonly outDir: string;
  /** True when the files were written. */
  readonly written: boolean;
}

interface PulumiModule {
  runtime: {
    setMocks(mocks: unknown, project?: string, stack?: string, preview?: boolean): Promise<void>;
    setAllConfig(c: Record<string, string>, secretKeys?: string[]): void;
    getMonitor(): unknown;
    waitForRPCs?: () => Promise<void>;
  };
  output(value: unknown): { apply(fn: (v: unknown) => unknown): unknown };
  isSecret(value: unknown): Promise<boolean>;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the Pulumi program in `dir` offline: Pulumi's mock runtime answers every resource and provider
 * call (no cloud credentials, no Pulumi CLI). Records each resource (type, name, parent, dependencies,
 * inputs with secrets redacted), the stack outputs, and the errors the program raised; then writes the
 * plan files (Kubernetes YAML, Helm values, IAM JSON, GCP IAM members, a Mermaid graph) unless the plan
 * has errors. Mocks are process-global, so calls are serialized.
 */
export function planProgram(dir: string, options: PlanOptions = {}): Promise<PlanResult> {
  const run = queue.then(() => runPlan(dir, options));
  queue = run.catch(() => undefined);
  return run;
}

function toPlanError(error: unknown): PlanError {
  if (error instanceof Error) {
    const name = error.name && error.name !== "Error" ? error.name : error.constructor?.name || "Error";
    // An error raised while an input resolved reaches us wrapped once per property on the way: keep the cause.
    return { name, message: error.message.replace(/^(error serializing property "[^"]*": )+/, "") };
  }
  return { name: "Error", message: String(error) };
}

function loadPulumi(req: NodeJS.Require): PulumiModule {
  try {
    return req("@pulumi/pulumi") as PulumiModule;
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("@pulumi/pulumi") as PulumiModule;
  }
}

/** Forgets the project's own modules (not its node_modules) so a second plan in one process runs the program again. */
function forgetProjectModules(dir: string): void {
  const prefix = `${dir}${path.sep}`;
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(prefix) && !key.slice(prefix.length).split(path.sep).includes("node_modules")) delete require.cache[key];
  }
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** A referenced timer: it also keeps the event loop alive while resources wait on each other. */
const delay = (ms: number) => new Promise<false>((resolve) => setTimeout(() => resolve(false), ms));

/**
 * Waits until no RPC is in flight and no new resource registered for a few ticks. A program that failed
 * (a rejected output, a ResourceError inside `apply`) never settles: the resources that depend on the
 * failed value wait forever, with nothing left on the event loop. So each wait is raced against a timer,
 * and waiting stops as soon as `failed()` says the program has raised an error.
 */
async function settle(pulumi: PulumiModule, recorder: Recorder, deadline: number, failed: () => boolean): Promise<boolean> {
  let stable = 0;
  let last = -1;
  while (stable < 3) {
    if (Date.now() > deadline) return false;
    if (failed()) return true;
    const drained = await Promise.race([Promise.resolve(pulumi.runtime.waitForRPCs?.()).then(() => true), delay(100)]);
    await tick();
    const count = recorder.resources.length;
    if (drained && recorder.pending === 0 && count === last) stable++;
    else stable = 0;
    last = count;
  }
  return true;
}

async function resolveOutputs(pulumi: PulumiModule, exported: unknown, deadline: number): Promise<Record<string, Plain>> {
  if (!exported || typeof exported !== "object") return {};
  const out: Record<string, Plain> = {};
  for (const [key, value] of Object.entries(exported as Record<string, unknown>)) {
    if (key === "__esModule" || key === "default" || typeof value === "function") continue;
    const output = pulumi.output(value);
    const resolved = new Promise<unknown>((resolve) => output.apply((v) => (resolve(v), v)));
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve("(did not resolve)"), Math.max(0, deadline - Date.now())).unref());
    const [v, secret] = await Promise.all([Promise.race([resolved, timeout]), Promise.race([pulumi.isSecret(output), timeout.then(() => false)])]);
    out[key] = secret ? REDACTED : toPlain(v);
  }
  return out;
}

async function runPlan(dir: string, options: PlanOptions): Promise<PlanResult> {
  const project = readProject(dir, options.stack ?? "dev");
  const outDir = path.resolve(options.out ?? path.join(project.dir, "eskit-plan"));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  installTypeScriptHook();
  const req = createRequire(project.main);
  const pulumi = loadPulumi(req);
  const notes: MockNotes = { unmockedCalls: new Set() };
  const recorder = new Recorder();
  await pulumi.runtime.setMocks(createMocks({ config: project.config }, notes), project.name, project.stack, false);
  pulumi.runtime.setAllConfig(project.config, project.secretKeys);
  recorder.attach(pulumi.runtime.getMonitor() as Record<string, unknown>);

  const errors: PlanError[] = [];
  const onFailure = (reason: unknown) => errors.push(toPlanError(reason));
  process.on("unhandledRejection", onFailure);
  process.on("uncaughtException", onFailure);
  const warnings: string[] = [];
  let outputs: Record<string, Plain> = {};
  try {
    let exported: unknown;
    try {
      forgetProjectModules(project.dir);
      exported = req(project.main);
      const entry = typeof exported === "function" ? exported : typeof (exported as { default?: unknown } | undefined)?.default === "function" ? (exported as { default: () => unknown }).default : undefined;
      if (entry) exported = await (entry as () => unknown)();
    } catch (error) {
      errors.push(toPlanError(error));
    }
    const failed = () => errors.length > 0;
    if (!(await settle(pulumi, recorder, deadline, failed))) warnings.push("the program did not settle before the timeout; the plan may be incomplete");
    if (errors.length === 0) {
      outputs = await resolveOutputs(pulumi, exported, deadline);
      await settle(pulumi, recorder, deadline, failed);
    }
  } finally {
    process.off("unhandledRejection", onFailure);
    process.off("uncaughtException", onFailure);
  }
  for (const token of notes.unmockedCalls) warnings.push(`provider function ${token} is not mocked: it returned its inputs`);
  const unique = dedupe(errors);
  const files = unique.length === 0 ? buildPlanFiles(project, recorder.resources, outputs) : [];
  const write = options.write !== false && unique.length === 0;
  if (write) writePlanFiles(outDir, files);
  return { project, resources: recorder.resources, outputs, errors: unique, warnings, files, outDir, written: write };
}

function dedupe(errors: readonly PlanError[]): PlanError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}
