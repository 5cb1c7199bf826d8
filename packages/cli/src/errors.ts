/** Errors the `eskit` command reports: each carries its exit code and a one-line hint. */

/** Exit code of a successful run. */
export const EXIT_OK = 0;
/** Exit code of a runtime failure (a listing that stopped, a program that failed). */
export const EXIT_FAILURE = 1;
/** Exit code of a usage error (unknown option, missing or invalid argument). */
export const EXIT_USAGE = 2;

/** A failure the CLI reports as `eskit: <message>` then `hint: <hint>`, exiting with `exitCode`. */
export class CliError extends Error {
  override readonly name: string = "CliError";
  /** Process exit code. */
  readonly exitCode: number;
  /** What to try next, in one line; omitted when there is nothing useful to say. */
  readonly hint?: string;

  constructor(message: string, options: { exitCode?: number; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.exitCode = options.exitCode ?? EXIT_FAILURE;
    this.hint = options.hint;
  }
}

/** A usage error (exit code 2): the command line itself is wrong. */
export class UsageError extends CliError {
  override readonly name: string = "UsageError";

  constructor(message: string, hint?: string) {
    super(message, { exitCode: EXIT_USAGE, hint });
  }
}
