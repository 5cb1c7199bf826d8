/** The resource tree of a plan, as text: type, name, key inputs and dependencies, nested by parent. */
import { REDACTED } from "@eskit/core";
import { shortType } from "../plan/mermaid";
import type { RecordedResource } from "../plan/recorder";
import type { Plain } from "../plan/redact";

function scalar(v: Plain | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "object") return undefined;
  return String(v);
}

function statementCount(doc: Plain | undefined): string | undefined {
  let parsed: unknown = doc;
  if (typeof doc === "string") {
    try {
      parsed = JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
  const statements = (parsed as { Statement?: unknown } | undefined)?.Statement;
  if (!Array.isArray(statements)) return undefined;
  const actions = statements.flatMap((s: { Action?: unknown }) => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : []));
  return `${statements.length} statement${statements.length === 1 ? "" : "s"}: ${actions.join(", ")}`;
}

/** The few inputs that say what a resource is, in one line. */
export function keyInputs(r: RecordedResource): string {
  const i = r.inputs;
  const meta = (i.metadata ?? {}) as Record<string, Plain>;
  if (r.type === "kubernetes:helm.sh/v3:Release") {
    const repo = scalar(((i.repositoryOpts ?? {}) as Record<string, Plain>).repo);
    return `chart ${scalar(i.chart)}${scalar(i.version) ? `@${scalar(i.version)}` : ""}${repo ? ` from ${repo}` : ""}, namespace ${scalar(i.namespace) ?? "default"}`;
  }
  if (r.type.startsWith("kubernetes:") && typeof i.kind === "string") {
    const where = `${scalar(meta.namespace) ? `${scalar(meta.namespace)}/` : ""}${scalar(meta.name) ?? `${r.name}-*`}`;
    const extra: string[] = [];
    if (r.type === "kubernetes:core/v1:Secret") {
      const keysOf = (v: Plain | undefined) => (v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : []);
      const keys = [...keysOf(i.stringData), ...keysOf(i.data)];
      if (keys.length > 0) extra.push(`keys ${keys.join(", ")} = ${REDACTED}`);
    }
    return [`${i.kind} ${where}`, ...extra].join(", ");
  }
  if (r.type.startsWith("aws:iam/")) {
    const parts: string[] = [];
    if (scalar(i.name)) parts.push(`name ${scalar(i.name)}`);
    const policy = statementCount(i.policy);
    if (policy) parts.push(`policy ${policy}`);
    const trust = statementCount(i.assumeRolePolicy);
    if (trust) parts.push(`trust ${trust}`);
    for (const k of ["role", "user", "policyArn"]) if (scalar(i[k])) parts.push(`${k} ${scalar(i[k])}`);
    return parts.join(", ");
  }
  if (r.type.startsWith("gcp:") && (i.role !== undefined || i.permissions !== undefined)) {
    const condition = (i.condition ?? undefined) as Record<string, Plain> | undefined;
    const parts = [scalar(i.role) ? `role ${scalar(i.role)}` : "", scalar(i.member) ? `member ${scalar(i.member)}` : "", Array.isArray(i.permissions) ? `permissions ${i.permissions.join(", ")}` : ""];
    if (condition && scalar(condition.expression)) parts.push(`condition ${scalar(condition.expression)}`);
    return parts.filter(Boolean).join(", ");
  }
  const simple = Object.entries(i)
    .filter(([, v]) => scalar(v) !== undefined)
    .slice(0, 3)
    .map(([k, v]) => `${k} ${scalar(v)}`);
  return simple.join(", ");
}

/** Renders the resources as an indented tree under their parents, with dependencies by name. */
export function renderTree(resources: readonly RecordedResource[], options: { files?: ReadonlyMap<string, readonly string[]> } = {}): string {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const children = new Map<string | undefined, RecordedResource[]>();
  for (const r of resources) {
    const key = r.parent && byUrn.has(r.parent) ? r.parent : undefined;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, prefix: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((r, index) => {
      const last = index === list.length - 1;
      const branch = parent === undefined ? "" : last ? "└─ " : "├─ ";
      const cont = parent === undefined ? "" : last ? "   " : "│  ";
      lines.push(`${prefix}${branch}${r.type}  ${r.name}`);
      const detail = keyInputs(r);
      const inner = `${prefix}${cont}${children.has(r.urn) ? "│  " : "   "}`;
      if (detail) lines.push(`${inner}${detail}`);
      const deps = r.dependsOn.map((d) => {
        const dep = byUrn.get(d);
        return dep ? `${shortType(dep.type)} ${dep.name}` : (d.split("::").pop() ?? d);
      });
      if (deps.length > 0) lines.push(`${inner}depends on ${deps.join(", ")}`);
      const files = options.files?.get(r.urn);
      if (files && files.length > 0) lines.push(`${inner}-> ${files.join(", ")}`);
      walk(r.urn, `${prefix}${cont}`);
    });
  };
  walk(undefined, "");
  return `${lines.join("\n")}\n`;
}
