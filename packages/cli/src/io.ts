/** The streams a command writes to, injectable for tests. */

/** A writable text stream, optionally a terminal. */
export interface OutStream {
  /** Writes text; returns false when the stream wants the caller to wait for "drain". */
  write(text: string): boolean;
  /** True when the stream is a terminal. @default false */
  readonly isTTY?: boolean;
  /** Terminal width in columns, when a terminal. @default undefined */
  readonly columns?: number;
}

/** Standard output and standard error of a command run. */
export interface CliIO {
  /** Results (tables, JSON, documents). */
  readonly stdout: OutStream;
  /** Errors, hints and progress. */
  readonly stderr: OutStream;
}

/** The process's own streams. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr };
}
