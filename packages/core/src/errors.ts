/** Errors and problem reports shared by every eskit layer. */

/** One thing wrong with an input: where, what was given, and what would work. */
export interface Problem {
  /** Dotted path of the field, e.g. `auth.roleArn` or `env.DB_PASSWORD.key`. */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** The value given (already redacted for secret fields); omitted when the field is missing. */
  readonly value?: unknown;
  /** What would work instead. */
  readonly fix?: string;
}

/** Placeholder shown instead of a credential value in every message. */
export const REDACTED = "[secret]";

/** Renders a value for a message: strings quoted, objects as compact JSON, long values shortened. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Formats one problem as `path: message (got VALUE). fix`. */
export function formatProblem(problem: Problem): string {
  const got = "value" in problem ? ` (got ${describeValue(problem.value)})` : "";
  const fix = problem.fix ? ` ${problem.fix}` : "";
  return `${problem.path}: ${problem.message}${got}.${fix}`;
}

/** Formats a list of problems under a heading, one per line. */
export function formatProblems(subject: string, problems: readonly Problem[]): string {
  const lines = problems.map((p) => `  - ${formatProblem(p)}`);
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `${subject}: ${count}\n${lines.join("\n")}`;
}

/** The one error type eskit throws for invalid input; `problems` lists every issue found at once. */
export class EskitError extends Error {
  /** Every problem found, in field order. */
  readonly problems: readonly Problem[];

  constructor(subject: string, problems: readonly Problem[]) {
    super(formatProblems(subject, problems));
    this.name = "EskitError";
    this.problems = problems;
  }
}

/** Throws an `EskitError` about `subject` when `problems` is not empty. */
export function throwIfProblems(subject: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new EskitError(subject, problems);
}
