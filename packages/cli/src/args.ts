/** Argument parsing on Node's `util.parseArgs`, turning its errors into usage errors with a hint. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors";

/** One option of a command, with the text its help shows. */
export interface OptionSpec {
  /** `string` takes a value, `boolean` is a flag. */
  readonly type: "string" | "boolean";
  /** True when the option may be repeated (values collected in order). @default false */
  readonly multiple?: boolean;
  /** One-letter alias. @default none */
  readonly short?: string;
  /** Placeholder of the value in help, e.g. `REGION`. @default "VALUE" */
  readonly value?: string;
  /** One line of help. */
  readonly description: string;
}

/** The options of a command, keyed by long name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** Parsed values: strings, booleans, or string lists for repeated options. */
export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** What `parseCommandArgs` returns. */
export interface ParsedArgs {
  /** Option values by long name. */
  readonly values: ParsedValues;
  /** Positional arguments. */
  readonly positionals: string[];
}

/**
 * Parses `argv` strictly against `specs` (plus `--help`); unknown options, missing values and unexpected
 * positionals become a `UsageError` naming the option, with a hint pointing at `helpCommand --help`.
 */
export function parseCommandArgs(argv: readonly string[], specs: OptionSpecs, helpCommand: string, maxPositionals = 0): ParsedArgs {
  const options: NonNullable<ParseArgsConfig["options"]> = { help: { type: "boolean", short: "h" } };
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(usageMessage(error), `run "${helpCommand} --help" for the options`);
  }
  const values = parsed.values as ParsedValues;
  if (values.help !== true && parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals);
    throw new UsageError(`unexpected argument${extra.length > 1 ? "s" : ""} ${extra.map((a) => JSON.stringify(a)).join(", ")}`, `run "${helpCommand} --help" for the usage`);
  }
  return { values, positionals: parsed.positionals };
}

/** util.parseArgs messages, shortened to one line without Node's error-code jargon. */
function usageMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const m = /Unknown option '([^']+)'/.exec(message);
    return m ? `unknown option ${m[1]}` : message;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const m = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
    if (m) return `option ${m[1]} needs a value`;
    const b = /Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(message);
    if (b) return `option ${b[1]} is a flag and takes no value`;
  }
  return message;
}

/** The string value of an option (the last one when repeated by mistake). */
export function str(values: ParsedValues, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) return v[v.length - 1];
  return typeof v === "string" ? v : undefined;
}

/** The values of a repeatable option; each may also hold a comma-separated list. */
export function list(values: ParsedValues, name: string): string[] | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [String(v)]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s !== "");
  return items;
}

/** A required string option, or a `UsageError` naming it. */
export function required(values: ParsedValues, name: string, helpCommand: string, why = ""): string {
  const v = str(values, name);
  if (v === undefined || v === "") throw new UsageError(`missing --${name}${why ? ` (${why})` : ""}`, `run "${helpCommand} --help" for the options`);
  return v;
}

/** Help text: usage line, description, aligned options, and examples. */
export function helpText(usage: string, description: string, specs: OptionSpecs, examples: readonly string[] = []): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : ""}`;
    return [flag, `${spec.description}${spec.multiple ? " (repeatable)" : ""}`] as const;
  });
  rows.push(["-h, --help", "Show this help"]);
  const width = Math.max(...rows.map(([f]) => f.length));
  const lines = [`Usage: ${usage}`, "", description, "", "Options:", ...rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`)];
  if (examples.length > 0) lines.push("", "Examples:", ...examples.map((e) => `  ${e}`));
  return `${lines.join("\n")}\n`;
}
