/**
 * Test support: runs the BUILT `eskit` binary (`node packages/cli/dist/main.js`), building it first
 * with `npx tsc -b packages/cli` when dist is missing.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Root of the monorepo. */
export const REPO_ROOT = path.resolve(__dirname, "../../../..");
/** The built entry point. */
export const ESKIT_BIN = path.join(REPO_ROOT, "packages/cli/dist/main.js");
/** Fixture Pulumi projects. */
export const FIXTURES = path.resolve(__dirname, "../fixtures");

/** Builds the CLI (and its references) when dist/main.js is missing. */
export function ensureBuilt(): void {
  if (fs.existsSync(ESKIT_BIN)) return;
  const r = spawnSync("npx", ["tsc", "-b", "packages/cli"], { cwd: REPO_ROOT, encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0 || !fs.existsSync(ESKIT_BIN)) throw new Error(`npx tsc -b packages/cli failed:\n${r.stdout}\n${r.stderr}`);
}

/** Result of one `eskit` run. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `eskit ...args` in a child process (async, so a local server in this process keeps answering). */
export function eskit(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ESKIT_BIN, ...args], { cwd: options.cwd ?? REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
