/** The resource graph of a plan as a Mermaid flowchart: parent edges solid, dependencies dotted. */
import type { RecordedResource } from "./recorder";

/** Short type label: `aws:iam/role:Role` -> `aws:Role`, `kubernetes:core/v1:Namespace` -> `k8s:Namespace`. */
export function shortType(type: string): string {
  const parts = type.split(":");
  const pkg = parts[0] === "kubernetes" ? "k8s" : parts[0];
  return parts.length >= 3 ? `${pkg}:${parts[parts.length - 1]}` : type;
}

function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

/** A `graph TD` of the resources: components as rounded nodes, `parent --> child`, `a -.-> dependency`. */
export function mermaidGraph(resources: readonly RecordedResource[]): string {
  const ids = new Map(resources.map((r, i) => [r.urn, `r${i}`]));
  const lines = ["graph TD"];
  resources.forEach((r, i) => {
    const text = `${label(shortType(r.type))}<br/>${label(r.name)}`;
    lines.push(r.custom ? `  r${i}["${text}"]` : `  r${i}("${text}")`);
  });
  for (const r of resources) {
    const id = ids.get(r.urn);
    const parent = r.parent ? ids.get(r.parent) : undefined;
    if (parent) lines.push(`  ${parent} --> ${id}`);
  }
  for (const r of resources) {
    const id = ids.get(r.urn);
    for (const dep of r.dependsOn) {
      const target = ids.get(dep);
      if (target) lines.push(`  ${id} -.->|depends on| ${target}`);
    }
  }
  const components = resources.map((r, i) => (r.custom ? undefined : `r${i}`)).filter(Boolean);
  if (components.length > 0) lines.push("  classDef component fill:#eef,stroke:#447", `  class ${components.join(",")} component`);
  return `${lines.join("\n")}\n`;
}
