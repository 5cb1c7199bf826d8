/**
 * Test support: plans the repository's Pulumi examples with the CLI's `planProgram` (offline, under Pulumi
 * mocks) into temporary folders, and gathers everything a user could see: the printed report, every
 * written file, the recorded resources and the stack outputs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { planProgram, type PlanResult, type PlanOptions } from "@eskit/cli";
import { planText } from "../../packages/cli/src/commands/plan";

/** The repository root. */
export const REPO = path.resolve(__dirname, "../..");

/** The Pulumi examples (folders of examples/), one per authentication mode. */
export const PULUMI_EXAMPLES = ["aws-automatic", "aws-role", "aws-parameter-store-kms", "gke-automatic", "eks-to-gcp-static", "gke-to-aws-static"] as const;

/** One planned project, and what it showed. */
export interface Planned {
  /** The plan. */
  readonly result: PlanResult;
  /** What `eskit plan` prints for it. */
  readonly printed: string;
  /** Every file written under the plan folder: relative path -> content. */
  readonly written: ReadonlyMap<string, string>;
  /** Wall time of `planProgram`, in milliseconds (reported, never asserted). */
  readonly ms: number;
}

function readTree(dir: string, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of readTree(path.join(dir, entry.name), rel)) out.set(k, v);
    else out.set(rel, fs.readFileSync(path.join(dir, entry.name), "utf8"));
  }
  return out;
}

/** A fresh temporary folder (removed by `removeTemp`). */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `eskit-${label}-`));
}

/** Removes a folder made by `tempDir`. */
export function removeTemp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Plans the project in `dir` (absolute, or relative to the repo) into a temporary folder and reads back what it wrote. */
export async function planProject(dir: string, options: Omit<PlanOptions, "out"> = {}): Promise<Planned> {
  const out = tempDir(path.basename(dir));
  try {
    const started = Date.now();
    const result = await planProgram(path.resolve(REPO, dir), { ...options, out });
    const ms = Date.now() - started;
    return { result, printed: result.errors.length === 0 ? planText(result, REPO) : "", written: readTree(out), ms };
  } finally {
    removeTemp(out);
  }
}

/**
 * Plans a copy of the project in `dir` with a stack file `Pulumi.<stack>.yaml` holding `yaml` (stacks that
 * must not ship with the project: invalid config, plain-text test credentials). The copy is a temporary
 * folder whose node_modules links to the workspace's, and has its own module paths: Node has not cached
 * it, so the program runs again (`planProgram` cannot clear Node's module cache under jest).
 */
export async function planWithStack(dir: string, stack: string, yaml: string): Promise<Planned> {
  const copy = tempDir(`${path.basename(dir)}-copy`);
  try {
    for (const file of fs.readdirSync(path.join(REPO, dir))) {
      if (file.endsWith(".ts") || file === "Pulumi.yaml" || file === "package.json") fs.copyFileSync(path.join(REPO, dir, file), path.join(copy, file));
    }
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(copy, "node_modules"), "dir");
    fs.writeFileSync(path.join(copy, `Pulumi.${stack}.yaml`), yaml);
    return await planProject(copy, { stack });
  } finally {
    removeTemp(copy);
  }
}
