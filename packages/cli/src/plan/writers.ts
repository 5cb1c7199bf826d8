/** The files of a plan: Kubernetes YAML, Helm values and chart coordinates, IAM JSON, GCP IAM members, graph. */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { mermaidGraph } from "./mermaid";
import type { PulumiProject } from "./project";
import type { RecordedResource } from "./recorder";
import type { Plain } from "./redact";

/** One file of a plan. */
export interface PlanFile {
  /** Path relative to the plan folder, with "/" separators. */
  readonly path: string;
  /** What it holds. */
  readonly kind: "kubernetes" | "helm-values" | "helm-chart" | "iam" | "gcp-iam" | "graph" | "resources" | "outputs";
  /** URN of the resource it comes from, when one. */
  readonly urn?: string;
  /** File content. */
  readonly content: string;
}

/** Marker file that tells eskit a folder is its own plan output (and may be replaced). */
export const PLAN_MARKER = ".eskit-plan";

type Obj = Record<string, Plain>;

/** Removes nulls and empty objects left by unset inputs, recursively. */
export function prune(value: Plain): Plain | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => prune(v)).filter((v): v is Plain => v !== undefined);
  if (typeof value === "object") {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return value;
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_");
}

/** True for Kubernetes resources that are plain API objects (not Helm releases, charts or YAML groups). */
export function isKubernetesObject(r: RecordedResource): boolean {
  return r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh/") && typeof r.inputs.kind === "string" && typeof r.inputs.apiVersion === "string";
}

/** The Kubernetes object a resource creates; auto-named objects get the logical name. */
export function kubernetesObject(r: RecordedResource): { object: Obj; autoNamed: boolean } {
  const object = (prune(r.inputs) ?? {}) as Obj;
  const metadata = ((object.metadata as Obj | undefined) ?? {}) as Obj;
  const autoNamed = typeof metadata.name !== "string";
  const { apiVersion, kind, ...rest } = object;
  return { object: { apiVersion, kind, ...rest, metadata: { ...metadata, name: autoNamed ? r.name : metadata.name } }, autoNamed };
}

function parseDocument(value: Plain | undefined): Plain | undefined {
  if (typeof value !== "string") return value ?? undefined;
  try {
    return JSON.parse(value) as Plain;
  } catch {
    return value;
  }
}

/** IAM documents of an `aws:iam/*` resource: `[suffix, document]` pairs. */
export function iamDocuments(r: RecordedResource): [string, Plain][] {
  if (!r.type.startsWith("aws:iam/")) return [];
  const docs: [string, Plain][] = [];
  const policy = parseDocument(r.inputs.policy);
  if (policy !== undefined && policy !== null) docs.push(["policy", policy]);
  const trust = parseDocument(r.inputs.assumeRolePolicy);
  if (trust !== undefined && trust !== null) docs.push(["trust-policy", trust]);
  const inline = r.inputs.inlinePolicies;
  if (Array.isArray(inline)) {
    inline.forEach((p, i) => {
      const entry = p as Obj;
      const doc = parseDocument(entry?.policy);
      if (doc !== undefined && doc !== null) docs.push([`inline-${safe(String(entry.name ?? i))}`, doc]);
    });
  }
  return docs;
}

/** True for GCP IAM grants and custom roles. */
export function isGcpIam(r: RecordedResource): boolean {
  return r.type.startsWith("gcp:") && /:(IAMMember|IAMBinding|IAMCustomRole|SecretIamMember|SecretIamBinding)$/.test(r.type);
}

function gcpIamEntry(r: RecordedResource): Obj {
  const i = r.inputs;
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => i[k] !== undefined && i[k] !== null).map((k) => [k, i[k]])) as Obj;
  return { resource: r.name, type: r.type, ...pick(["project", "serviceAccountId", "secretId", "role", "roleId", "member", "members", "condition", "permissions", "title", "stage"]) };
}

function uniquePath(used: Set<string>, wanted: string): string {
  let candidate = wanted;
  for (let n = 2; used.has(candidate); n++) candidate = wanted.replace(/(\.[a-z]+)$/, `-${n}$1`);
  used.add(candidate);
  return candidate;
}

function yaml(doc: unknown, header: string[] = []): string {
  return `${header.map((h) => `# ${h}\n`).join("")}${YAML.stringify(doc, { lineWidth: 0 })}`;
}

/** Every file of a plan, computed from the recorded resources (nothing written). */
export function buildPlanFiles(project: PulumiProject, resources: readonly RecordedResource[], outputs: Record<string, Plain>): PlanFile[] {
  const files: PlanFile[] = [];
  const used = new Set<string>();
  const source = `from Pulumi project "${project.name}", stack "${project.stack}", by eskit plan (mocked: ids and ARNs are placeholders)`;
  for (const r of resources) {
    if (isKubernetesObject(r)) {
      const { object, autoNamed } = kubernetesObject(r);
      const metadata = object.metadata as Obj;
      const ns = typeof metadata.namespace === "string" ? metadata.namespace : "_cluster";
      const p = uniquePath(used, `kubernetes/${safe(ns)}/${safe(String(object.kind).toLowerCase())}-${safe(String(metadata.name))}.yaml`);
      const header = [`${r.type} "${r.name}" ${source}`, ...(autoNamed ? ["metadata.name: Pulumi auto-names this object at deploy time (a random suffix is added)"] : [])];
      files.push({ path: p, kind: "kubernetes", urn: r.urn, content: yaml(object, header) });
    } else if (r.type === "kubernetes:helm.sh/v3:Release") {
      const i = r.inputs;
      const release = typeof i.name === "string" ? i.name : r.name;
      const repo = (i.repositoryOpts as Obj | undefined)?.repo;
      const chart = prune({ release, namespace: i.namespace ?? "default", chart: i.chart ?? null, version: i.version ?? null, repository: repo ?? null, createNamespace: i.createNamespace ?? null, skipCrds: i.skipCrds ?? null });
      const base = `helm/${safe(release)}`;
      const coordinates = `${String(i.chart)}${i.version ? `@${String(i.version)}` : ""}${repo ? ` from ${String(repo)}` : ""}`;
      files.push({ path: uniquePath(used, `${base}.chart.yaml`), kind: "helm-chart", urn: r.urn, content: yaml(chart, [`Helm release "${release}" ${source}`]) });
      files.push({ path: uniquePath(used, `${base}.values.yaml`), kind: "helm-values", urn: r.urn, content: yaml(prune(i.values ?? {}) ?? {}, [`values of Helm release "${release}": ${coordinates}`, `helm upgrade --install ${release} ${String(i.chart)}${repo ? ` --repo ${String(repo)}` : ""}${i.version ? ` --version ${String(i.version)}` : ""} -n ${String(i.namespace ?? "default")} -f ${safe(release)}.values.yaml`]) });
    }
    for (const [suffix, doc] of iamDocuments(r)) {
      files.push({ path: uniquePath(used, `iam/${safe(r.name)}.${suffix}.json`), kind: "iam", urn: r.urn, content: `${JSON.stringify(doc, null, 2)}\n` });
    }
  }
  const gcp = resources.filter(isGcpIam).map(gcpIamEntry);
  if (gcp.length > 0) files.push({ path: "gcp-iam.json", kind: "gcp-iam", content: `${JSON.stringify(gcp, null, 2)}\n` });
  files.push({ path: "graph.mmd", kind: "graph", content: mermaidGraph(resources) });
  files.push({ path: "resources.json", kind: "resources", content: `${JSON.stringify(resources, null, 2)}\n` });
  if (Object.keys(outputs).length > 0) files.push({ path: "outputs.json", kind: "outputs", content: `${JSON.stringify(outputs, null, 2)}\n` });
  return files;
}

/**
 * Writes the files under `outDir`, replacing a previous plan there. A non-empty folder that is not an
 * eskit plan (no marker file) is never deleted: files are written over it instead.
 */
export function writePlanFiles(outDir: string, files: readonly PlanFile[]): void {
  if (fs.existsSync(path.join(outDir, PLAN_MARKER))) fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, PLAN_MARKER), "Written by `eskit plan`; this folder is replaced on each run.\n");
  for (const file of files) {
    const target = path.join(outDir, ...file.path.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
}
