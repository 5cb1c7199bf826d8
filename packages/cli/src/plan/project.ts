/** Reading a Pulumi project folder: Pulumi.yaml (name, runtime, main) and the stack's config file. */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { REDACTED } from "@eskit/core";
import { CliError, UsageError } from "../errors";

/** A Pulumi project, ready to run under mocks. */
export interface PulumiProject {
  /** Absolute project folder. */
  readonly dir: string;
  /** `name` of Pulumi.yaml. */
  readonly name: string;
  /** The stack whose config was loaded. */
  readonly stack: string;
  /** Absolute path of the program's entry file. */
  readonly main: string;
  /** Config map `namespace:key` -> string value, as `pulumi.Config` reads it. */
  readonly config: Record<string, string>;
  /** Config keys that are secure (encrypted) in the stack file: their value is "[secret]". */
  readonly secretKeys: string[];
  /** The stack config file, when one exists. */
  readonly stackFile?: string;
}

function readYaml(file: string): Record<string, unknown> {
  try {
    const doc = YAML.parse(fs.readFileSync(file, "utf8")) as unknown;
    return doc && typeof doc === "object" ? (doc as Record<string, unknown>) : {};
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, { hint: "fix the YAML syntax and run again" });
  }
}

function entryOf(target: string): string | undefined {
  if (fs.existsSync(target) && fs.statSync(target).isFile()) return target;
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    const pkgFile = path.join(target, "package.json");
    if (fs.existsSync(pkgFile)) {
      const main = (JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { main?: string }).main;
      if (main) {
        const found = [main, `${main}.ts`, main.replace(/\.js$/, ".ts")].map((m) => path.resolve(target, m)).find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
        if (found) return found;
      }
    }
    return ["index.ts", "index.js"].map((f) => path.join(target, f)).find((f) => fs.existsSync(f));
  }
  return undefined;
}

function configString(value: unknown): { value: string; secret: boolean } {
  if (value && typeof value === "object" && !Array.isArray(value) && "secure" in (value as object)) return { value: REDACTED, secret: true };
  if (typeof value === "string") return { value, secret: false };
  return { value: JSON.stringify(value), secret: false };
}

function fullKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/** Reads Pulumi.yaml and Pulumi.<stack>.yaml of `dir`; usage errors for a folder that is not a Node.js Pulumi project. */
export function readProject(dir: string, stack = "dev"): PulumiProject {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new UsageError(`${dir} is not a folder`, "pass the folder of a Pulumi project: eskit plan ./infra");
  const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(abs, f)).find((f) => fs.existsSync(f));
  if (!projectFile) throw new UsageError(`no Pulumi.yaml in ${abs}`, "pass the folder of a Pulumi project: eskit plan ./infra");
  const doc = readYaml(projectFile);
  const name = typeof doc.name === "string" ? doc.name : undefined;
  if (!name) throw new UsageError(`${projectFile} has no name`, "add `name: my-project` to Pulumi.yaml");
  const runtime = typeof doc.runtime === "string" ? doc.runtime : (doc.runtime as { name?: string } | undefined)?.name;
  if (runtime !== "nodejs") throw new UsageError(`${projectFile} uses runtime ${JSON.stringify(runtime)}; eskit plan runs Node.js programs`, "use runtime: nodejs (TypeScript or JavaScript)");
  const mainField = typeof doc.main === "string" ? doc.main : ".";
  const main = entryOf(path.resolve(abs, mainField));
  if (!main) throw new UsageError(`no program entry in ${path.resolve(abs, mainField)}`, "add index.ts, or set main: in Pulumi.yaml");

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const set = (key: string, raw: unknown) => {
    const { value, secret } = configString(raw);
    const k = fullKey(name, key);
    config[k] = value;
    if (secret) secretKeys.push(k);
  };
  const projectConfig = doc.config && typeof doc.config === "object" ? (doc.config as Record<string, unknown>) : {};
  for (const [key, decl] of Object.entries(projectConfig)) {
    if (decl && typeof decl === "object" && !Array.isArray(decl)) {
      const d = decl as Record<string, unknown>;
      if ("value" in d) set(key, d.value);
      else if ("default" in d) set(key, d.default);
    } else if (decl !== undefined && decl !== null) {
      set(key, decl);
    }
  }
  const stackFile = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map((f) => path.join(abs, f)).find((f) => fs.existsSync(f));
  if (stackFile) {
    const stackConfig = readYaml(stackFile).config;
    if (stackConfig && typeof stackConfig === "object") for (const [key, value] of Object.entries(stackConfig as Record<string, unknown>)) set(key, value);
  }
  return { dir: abs, name, stack, main, config, secretKeys, ...(stackFile ? { stackFile } : {}) };
}
