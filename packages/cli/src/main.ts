#!/usr/bin/env node
/** Entry point of the `eskit` binary. */
import { run } from "./cli";

// The AWS SDK warns on every run about its future Node.js support; for a command-line user that is
// noise on stderr (which carries eskit's own errors and progress), so only that warning type is dropped.
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
  const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
  if (type === "NodeVersionSupportWarning" || String(warning).includes("NodeVersionSupportWarning")) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A planned program may leave timers or sockets open: do not hang once the output is flushed.
    setTimeout(() => process.exit(code), 2000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`eskit: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
