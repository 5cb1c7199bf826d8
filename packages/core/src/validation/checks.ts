/** Small helpers that turn syntax rules into problems, so validators read as a list of rules. */
import { REDACTED, type Problem } from "../errors";
import type { SyntaxRule } from "./syntax";

/** Collects problems and knows which fields are deferred (resolved later, e.g. Pulumi outputs). */
export class ProblemCollector {
  readonly problems: Problem[] = [];
  private readonly deferred: ReadonlySet<string>;

  constructor(deferred: Iterable<string> = []) {
    this.deferred = new Set(deferred);
  }

  /** Records a problem. */
  add(problem: Problem): void {
    this.problems.push(problem);
  }

  /** True when `path` is resolved later and may be absent now. */
  isDeferred(path: string): boolean {
    return this.deferred.has(path);
  }

  /** A required string field that must satisfy `rule`. */
  required(path: string, value: unknown, rule: SyntaxRule, fix?: string): void {
    if (value === undefined || value === null || value === "") {
      if (!this.isDeferred(path)) this.add({ path, message: "is required", fix: fix ?? `Set it to ${rule.expected}.` });
      return;
    }
    this.optional(path, value, rule);
  }

  /** An optional string field that, when present, must satisfy `rule`. */
  optional(path: string, value: unknown, rule: SyntaxRule): void {
    if (value === undefined) return;
    if (typeof value !== "string" || !rule.test(value)) {
      this.add({ path, value, message: "is not valid", fix: `Use ${rule.expected}.` });
    }
  }

  /** A field that must not be set in this configuration. */
  forbidden(path: string, value: unknown, why: string, fix: string, secret = false): void {
    if (value === undefined) return;
    this.add({ path, value: secret ? REDACTED : value, message: why, fix });
  }
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
