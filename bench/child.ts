/**
 * One benchmark process, started by `main.ts` with `node --expose-gc`. Prints one JSON line.
 *   time <pulumi|cdk8s> <repeats>          same-outcome check, warm-up, then interleaved timed runs
 *   memory <pulumi|cdk8s> <eskit|raw> <n>  one build in this fresh process, with its memory figures
 */
import { isDeepStrictEqual } from "node:util";
import { CHARTS, runCdk8s } from "./cdk8s";
import { PROGRAMS, runPulumi } from "./pulumi";
import { SIZES, type MemorySample, type Renderer, type TimeReport, type TimeSample, type Variant } from "./report";

/**
 * Builds averaged into one timed sample. A cdk8s build takes under a second, so one collection more or
 * less moves a single build by 20 %; three in a row even that out. Pulumi builds take seconds.
 */
const BUILDS_PER_SAMPLE: Record<Renderer, number> = { pulumi: 1, cdk8s: 3 };

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Builds `variant` at `size` once; returns the physical resources / ApiObjects counted and the components. */
async function build(renderer: Renderer, variant: Variant, size: number): Promise<{ resources: number; components: number; manifests?: number }> {
  if (renderer === "pulumi") {
    const run = await runPulumi(PROGRAMS[variant], size);
    return { resources: run.resources, components: run.components };
  }
  const run = runCdk8s(CHARTS[variant], size);
  return { resources: run.apiObjects, components: 0, manifests: run.manifests };
}

/** True when both variants produce the same outcome: equal resource inputs (Pulumi) or identical YAML (cdk8s). */
async function sameOutcome(renderer: Renderer, size: number): Promise<{ same: boolean; detail: string }> {
  if (renderer === "pulumi") {
    const eskit = (await runPulumi(PROGRAMS.eskit, size, true)).recorded!;
    const raw = (await runPulumi(PROGRAMS.raw, size, true)).recorded!;
    const differing = [...new Set([...eskit.keys(), ...raw.keys()])].filter((k) => !isDeepStrictEqual(eskit.get(k), raw.get(k)));
    return { same: differing.length === 0, detail: differing.length ? `differing resources: ${differing.slice(0, 5).join(", ")}` : `${eskit.size} resources with equal inputs` };
  }
  const eskit = runCdk8s(CHARTS.eskit, size);
  const raw = runCdk8s(CHARTS.raw, size);
  return { same: eskit.yaml === raw.yaml, detail: eskit.yaml === raw.yaml ? `${eskit.manifests} manifests, identical YAML` : "synthesized YAML differs" };
}

async function time(renderer: Renderer, repeats: number): Promise<TimeReport> {
  // The check doubles as the warm-up (both variants at the smaller size); cdk8s runs are short, so once more each.
  const check = await sameOutcome(renderer, SIZES[0]);
  if (renderer === "cdk8s") for (const variant of ["raw", "eskit"] as const) await build(renderer, variant, SIZES[0]);
  const samples: TimeSample[] = [];
  for (let round = 0; round < repeats; round++) {
    for (const size of SIZES) {
      const order: Variant[] = round % 2 === 0 ? ["raw", "eskit"] : ["eskit", "raw"];
      for (const variant of order) {
        gc();
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        let counts = await build(renderer, variant, size);
        for (let i = 1; i < BUILDS_PER_SAMPLE[renderer]; i++) counts = await build(renderer, variant, size);
        const wallMs = (performance.now() - t0) / BUILDS_PER_SAMPLE[renderer];
        const cpu = process.cpuUsage(cpu0);
        samples.push({ round, size, variant, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 / BUILDS_PER_SAMPLE[renderer], ...counts });
      }
    }
  }
  return { renderer, ...check, samples };
}

async function memory(renderer: Renderer, variant: Variant, size: number): Promise<MemorySample> {
  gc();
  const before = process.memoryUsage();
  const counts = await build(renderer, variant, size);
  const after = process.memoryUsage();
  gc();
  const retained = process.memoryUsage();
  return {
    renderer,
    variant,
    size,
    resources: counts.resources,
    baseHeap: before.heapUsed,
    baseRss: before.rss,
    endHeap: after.heapUsed,
    retainedHeap: retained.heapUsed,
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
}

async function main(): Promise<void> {
  const [mode, renderer, a, b] = process.argv.slice(2);
  if (renderer !== "pulumi" && renderer !== "cdk8s") throw new Error(`unknown renderer ${renderer}`);
  const result = mode === "time" ? await time(renderer, Number(a)) : await memory(renderer, a as Variant, Number(b));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
