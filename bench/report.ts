/** Types shared by the benchmark processes, the bounds, and the report table. */
import { median, spread } from "./stats";

/** The two renderers. */
export type Renderer = "pulumi" | "cdk8s";
/** eskit, or the same outcome written by hand. */
export type Variant = "eskit" | "raw";

/** Binding counts measured (10 accesses, 100 namespaces, 3 env vars per binding). */
export const SIZES = [1000, 2000] as const;

/** Upper bounds the benchmark enforces (exit code 1 when one is exceeded). */
export const BOUNDS = {
  /** Physical resources eskit/raw: exactly 1 (no hidden extras). */
  resources: 1,
  /** Build CPU time eskit/raw, per renderer. */
  time: { pulumi: 1.5, cdk8s: 1.2 } as Record<Renderer, number>,
  /** eskit build time at 2,000 bindings / at 1,000. */
  scaling: 2.2,
};

/** One timed build. */
export interface TimeSample {
  readonly round: number;
  readonly size: number;
  readonly variant: Variant;
  readonly wallMs: number;
  /** User + system CPU time of the process during the build (GC threads included). */
  readonly cpuMs: number;
  /** Physical resources registered (Pulumi custom resources) or ApiObjects (cdk8s). */
  readonly resources: number;
  /** Component resources registered (Pulumi). */
  readonly components: number;
  /** Synthesized manifests (cdk8s). */
  readonly manifests?: number;
}

/** What a `time` child reports. */
export interface TimeReport {
  readonly renderer: Renderer;
  /** Both variants produced the same resources / manifests. */
  readonly same: boolean;
  readonly detail: string;
  readonly samples: readonly TimeSample[];
}

/** What a `memory` child reports (bytes). */
export interface MemorySample {
  readonly renderer: Renderer;
  readonly variant: Variant;
  readonly size: number;
  readonly resources: number;
  /** Heap and RSS after loading the modules, before the build. */
  readonly baseHeap: number;
  readonly baseRss: number;
  /** Heap when the build has completed (garbage included). */
  readonly endHeap: number;
  /** Heap after a full GC at the end (what the finished program still holds). */
  readonly retainedHeap: number;
  /** Peak RSS of the process (`maxRSS`). */
  readonly peakRss: number;
}

/** One row of the verdict: a measured figure against its bound. */
export interface Check {
  readonly renderer: Renderer;
  readonly what: string;
  readonly value: number;
  readonly bound: number;
  /** `"eq"`: must equal the bound; `"le"`: must not exceed it. */
  readonly kind: "eq" | "le";
  readonly shown: string;
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** The table lines for one renderer, and the checks they imply. */
export function summarize(report: TimeReport, memory: readonly MemorySample[]): { lines: string[]; checks: Check[] } {
  const r = report.renderer;
  const lines: string[] = [];
  const checks: Check[] = [];
  const of = (size: number, variant: Variant) => report.samples.filter((s) => s.size === size && s.variant === variant);
  const rounds = Math.max(...report.samples.map((s) => s.round)) + 1;
  lines.push(`${r}: ${rounds} interleaved rounds after warm-up; same outcome: ${report.same ? "yes" : "NO"} (${report.detail})`);
  checks.push({ renderer: r, what: "same outcome as raw", value: report.same ? 1 : 0, bound: 1, kind: "eq", shown: report.same ? "yes" : "no" });
  lines.push(`  ${"bindings".padEnd(9)}${"resources eskit/raw".padEnd(24)}${"CPU ms eskit".padEnd(24)}${"CPU ms raw".padEnd(24)}${"eskit/raw (CPU)".padEnd(24)}${"eskit/raw (wall)".padEnd(20)}`);
  const eskitMedian: number[] = [];
  const rawMedian: number[] = [];
  for (const size of SIZES) {
    const e = of(size, "eskit");
    const w = of(size, "raw");
    const res = [...new Set(e.map((s) => s.resources))];
    const rawRes = [...new Set(w.map((s) => s.resources))];
    const resRatio = res.length === 1 && rawRes.length === 1 ? res[0] / rawRes[0] : NaN;
    const byRound = (samples: readonly TimeSample[], k: "cpuMs" | "wallMs") => new Map(samples.map((s) => [s.round, s[k]]));
    const ratios = (k: "cpuMs" | "wallMs") => {
      const eb = byRound(e, k);
      const wb = byRound(w, k);
      return [...eb.keys()].map((round) => eb.get(round)! / wb.get(round)!);
    };
    const cpuRatios = ratios("cpuMs");
    eskitMedian.push(median(e.map((s) => s.cpuMs)));
    rawMedian.push(median(w.map((s) => s.cpuMs)));
    const components = e[0]?.components ?? 0;
    lines.push(
      `  ${String(size).padEnd(9)}` +
        `${`${res.join("/")}/${rawRes.join("/")} = ${resRatio.toFixed(2)}`.padEnd(24)}` +
        `${spread(e.map((s) => s.cpuMs), 0).padEnd(24)}` +
        `${spread(w.map((s) => s.cpuMs), 0).padEnd(24)}` +
        `${spread(cpuRatios).padEnd(24)}` +
        `${spread(ratios("wallMs")).padEnd(20)}` +
        (r === "pulumi" ? `  +${components} components` : `  ${e[0]?.manifests ?? "?"} manifests`),
    );
    checks.push({ renderer: r, what: `physical resources eskit/raw @${size}`, value: resRatio, bound: BOUNDS.resources, kind: "eq", shown: resRatio.toFixed(2) });
    checks.push({ renderer: r, what: `build time eskit/raw @${size} (median of paired CPU ratios)`, value: median(cpuRatios), bound: BOUNDS.time[r], kind: "le", shown: median(cpuRatios).toFixed(2) });
  }
  const scaling = eskitMedian[1] / eskitMedian[0];
  lines.push(`  scaling ${SIZES[1]}/${SIZES[0]} (median CPU): eskit ${scaling.toFixed(2)}, raw ${(rawMedian[1] / rawMedian[0]).toFixed(2)}`);
  checks.push({ renderer: r, what: `eskit scaling ${SIZES[1]}/${SIZES[0]}`, value: scaling, bound: BOUNDS.scaling, kind: "le", shown: scaling.toFixed(2) });
  if (memory.length > 0) {
    lines.push("  memory (one fresh `node --expose-gc` process per build; heap figures are net of the loaded modules):");
    lines.push(`    ${"variant".padEnd(14)}${"heap at end".padEnd(14)}${"heap retained".padEnd(16)}${"peak RSS".padEnd(12)}${"RSS growth".padEnd(12)}`);
    for (const m of memory) {
      lines.push(
        `    ${`${m.variant} @${m.size}`.padEnd(14)}${mb(m.endHeap - m.baseHeap).padEnd(14)}${mb(m.retainedHeap - m.baseHeap).padEnd(16)}${mb(m.peakRss).padEnd(12)}${mb(m.peakRss - m.baseRss).padEnd(12)}`,
      );
    }
  }
  return { lines, checks };
}

/** True when `check` holds. */
export function passes(check: Check): boolean {
  return check.kind === "eq" ? Math.abs(check.value - check.bound) < 1e-9 : check.value <= check.bound;
}
