#!/usr/bin/env node
/** Entry point of the `eskit` binary. */
import { run } from "./cli";

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eskit: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
