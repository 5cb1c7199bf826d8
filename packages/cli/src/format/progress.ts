/** A one-line progress indicator on a terminal: silent unless the stream is a TTY and the work is long. */
import type { OutStream } from "../io";

/** Options of `Progress`. */
export interface ProgressOptions {
  /** Show progress only after this many milliseconds of work. @default 750 */
  readonly delayMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

/**
 * Rewrites one status line (`\r...`) on `stream` when it is a terminal and the work has lasted longer
 * than `delayMs`; `clear()` erases it. On a non-terminal stream every call is a no-op, so logs and
 * pipes never see progress noise.
 */
export class Progress {
  private readonly started: number;
  private readonly delayMs: number;
  private readonly now: () => number;
  private shown = false;

  constructor(
    private readonly stream: OutStream,
    options: ProgressOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.delayMs = options.delayMs ?? 750;
  }

  /** True when progress can be shown at all (the stream is a terminal). */
  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  /** Shows `text` in place of the previous status, once the work has become long. */
  update(text: string): void {
    if (!this.enabled || (!this.shown && this.now() - this.started < this.delayMs)) return;
    this.stream.write(`\r\x1b[2K${text}`);
    this.shown = true;
  }

  /** Erases the status line (if one was shown). */
  clear(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }
}
