/** `eskit plan [dir]`: run a Pulumi program offline under mocks, print its resources, write its files. */
import path from "node:path";
import { helpText, parseCommandArgs, str, type OptionSpecs } from "../args";
import { CliError, EXIT_OK } from "../errors";
import { plural } from "../format/table";
import { renderTree } from "../format/tree";
import type { CliIO } from "../io";
import { planProgram, type PlanResult } from "../plan/run";

const COMMAND = "eskit plan";

const OPTIONS: OptionSpecs = {
  out: { type: "string", value: "DIR", description: 'Folder for the plan files (default: "<dir>/eskit-plan")' },
  stack: { type: "string", value: "NAME", description: 'Stack whose Pulumi.<NAME>.yaml config is used (default: "dev")' },
  json: { type: "boolean", description: "Print the plan as JSON (resources, outputs, files) instead of a tree" },
};

/** Help of `eskit plan`. */
export const PLAN_HELP = helpText(
  `${COMMAND} [dir] [options]`,
  "Run the Pulumi program in dir (default: the current folder) offline, under Pulumi's mock runtime: no\n" +
    "cloud credentials and no Pulumi CLI needed. Prints the resources it would create and writes, under\n" +
    "the output folder, every Kubernetes object as YAML, Helm values, IAM documents as JSON, GCP IAM\n" +
    "members and a Mermaid graph (graph.mmd). Secret values are shown as [secret]. Ids and ARNs are\n" +
    "placeholders (account 123456789012). An invalid program (eskit validation errors) exits 1.",
  OPTIONS,
  [`${COMMAND}`, `${COMMAND} ./infra --stack prod --out /tmp/plan`, `${COMMAND} ./infra --json > plan.json`],
);

function relative(from: string, to: string): string {
  const rel = path.relative(from, to);
  return rel === "" ? "." : rel.startsWith("..") ? to : rel;
}

/** The text report of a successful plan. */
export function planText(result: PlanResult, cwd = process.cwd()): string {
  const { project, resources, outputs, files } = result;
  const byUrn = new Map<string, string[]>();
  for (const f of files) if (f.urn) byUrn.set(f.urn, [...(byUrn.get(f.urn) ?? []), f.path]);
  const components = resources.filter((r) => !r.custom).length;
  const lines = [
    `Plan of ${project.name} (stack ${project.stack}${project.stackFile ? "" : ", no stack config file"}): ${plural(resources.length - components, "resource")}${components ? ` in ${plural(components, "component")}` : ""}`,
    "",
    renderTree(resources, { files: byUrn }).trimEnd(),
  ];
  const outputKeys = Object.keys(outputs);
  if (outputKeys.length > 0) {
    lines.push("", "Outputs:");
    const width = Math.max(...outputKeys.map((k) => k.length));
    for (const k of outputKeys) {
      const v = outputs[k];
      const text = typeof v === "string" ? v : JSON.stringify(v);
      lines.push(`  ${k.padEnd(width)}  ${text.length > 100 ? `${text.slice(0, 97)}...` : text}`);
    }
  }
  if (result.written) {
    const counts = new Map<string, number>();
    for (const f of files) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
    const summary = [...counts].map(([kind, n]) => `${n} ${kind}`).join(", ");
    lines.push("", `Wrote ${plural(files.length, "file")} to ${relative(cwd, result.outDir)}/ (${summary})`);
  }
  return `${lines.join("\n")}\n`;
}

/** Runs `eskit plan`; resolves to the exit code. */
export async function plan(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND, 1);
  if (values.help) {
    io.stdout.write(PLAN_HELP);
    return EXIT_OK;
  }
  const dir = positionals[0] ?? ".";
  const result = await planProgram(dir, { stack: str(values, "stack"), out: str(values, "out") });
  for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
  if (result.errors.length > 0) {
    const details = result.errors.map((e) => `${e.name}: ${e.message}`).join("\n");
    throw new CliError(`the program ${result.project.name} is invalid (${plural(result.errors.length, "error")}, ${plural(result.resources.length, "resource")} registered before it failed):\n${details}`, {
      hint: "fix the errors above and run eskit plan again; no plan files were written",
    });
  }
  if (values.json === true) {
    io.stdout.write(
      `${JSON.stringify(
        { project: result.project.name, stack: result.project.stack, outDir: result.outDir, resources: result.resources, outputs: result.outputs, files: result.files.map((f) => ({ path: f.path, kind: f.kind, ...(f.urn ? { urn: f.urn } : {}) })), warnings: result.warnings },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout.write(planText(result));
  }
  return EXIT_OK;
}
