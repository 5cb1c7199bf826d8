/**
 * `npm run bench`: eskit against the same outcome written by hand, for both renderers. Runs each
 * renderer's timing in its own child process (Pulumi mocks are process-global; runs inside it are
 * sequential and interleaved), and each memory figure in a fresh child (`node --expose-gc`). Prints a
 * table and exits 1 when a bound of `report.ts` is exceeded.
 *
 * Environment: BENCH_REPEATS_PULUMI (default 6), BENCH_REPEATS_CDK8S (default 12), BENCH_ONLY=pulumi|cdk8s,
 * BENCH_NO_MEMORY=1 to skip the memory processes.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { SIZES, passes, summarize, type Check, type MemorySample, type Renderer, type TimeReport } from "./report";

const REPEATS: Record<Renderer, number> = {
  pulumi: Number(process.env.BENCH_REPEATS_PULUMI ?? 6),
  cdk8s: Number(process.env.BENCH_REPEATS_CDK8S ?? 12),
};

/** Runs `child.ts` with `args` in a fresh `node --expose-gc` process and parses its JSON line. */
function child<T>(...args: string[]): T {
  const out = execFileSync(process.execPath, ["--expose-gc", "-r", path.join(__dirname, "register.js"), path.join(__dirname, "child.ts"), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as T;
}

function main(): number {
  const started = performance.now();
  const renderers = (["pulumi", "cdk8s"] as const).filter((r) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY === r);
  console.log(`eskit benchmark: 10 accesses, ${SIZES.join(" and ")} bindings over 100 namespaces (3 env vars each)`);
  console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  const checks: Check[] = [];
  for (const renderer of renderers) {
    process.stderr.write(`${renderer}: timing (${REPEATS[renderer]} rounds)...\n`);
    const report = child<TimeReport>("time", renderer, String(REPEATS[renderer]));
    const memory: MemorySample[] = [];
    if (!process.env.BENCH_NO_MEMORY) {
      for (const size of SIZES) {
        for (const variant of ["raw", "eskit"] as const) {
          process.stderr.write(`${renderer}: memory ${variant} @${size}...\n`);
          memory.push(child<MemorySample>("memory", renderer, variant, String(size)));
        }
      }
    }
    const summary = summarize(report, memory);
    console.log(`\n${summary.lines.join("\n")}`);
    checks.push(...summary.checks);
  }
  console.log("\nbounds:");
  for (const c of checks) console.log(`  ${passes(c) ? "ok  " : "FAIL"} ${c.renderer} ${c.what}: ${c.shown} (${c.kind === "eq" ? "must be" : "at most"} ${c.bound})`);
  const failed = checks.filter((c) => !passes(c));
  console.log(`\n${failed.length === 0 ? "all bounds hold" : `${failed.length} bound(s) exceeded`} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = main();
