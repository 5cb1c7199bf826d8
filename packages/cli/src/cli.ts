/** The `eskit` command line: dispatch to a command, map errors to exit codes and one-line messages. */
import { EskitError } from "@eskit/core";
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from "./errors";
import { processIO, type CliIO } from "./io";

/** Top-level help. */
export const MAIN_HELP = `Usage: eskit <command> [options]

Wire Kubernetes workloads to AWS Secrets Manager, Parameter Store and GCP Secret Manager through the
External Secrets Operator.

Commands:
  secrets list   List the secrets an access can see (table or JSON lines)
  policy         Print the least-privilege IAM policy (AWS) or roles, condition and gcloud commands (GCP)
  plan [dir]     Run a Pulumi program offline under mocks; print its resources, write manifests and IAM documents

Run "eskit <command> --help" for a command's options.
Exit codes: 0 ok, 1 runtime failure, 2 usage error.
`;

type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

// Commands load lazily: `secrets list` pulls in the AWS and Google clients, `plan` the Pulumi runtime.
const secretsList: Command = async (argv, io) => (await import("./commands/secrets-list")).secretsList(argv, io);
const policy: Command = async (argv, io) => (await import("./commands/policy")).policy(argv, io);
const plan: Command = async (argv, io) => (await import("./commands/plan")).plan(argv, io);

function route(argv: readonly string[]): { command: Command; rest: readonly string[] } | undefined {
  const [first, second] = argv;
  if (first === "secrets") {
    if (second === "list" || second === "ls") return { command: secretsList, rest: argv.slice(2) };
    if (second === undefined || second === "--help" || second === "-h") {
      return { command: async (_a, io) => (io.stdout.write("Usage: eskit secrets list [options]\n\nRun \"eskit secrets list --help\" for the options.\n"), EXIT_OK), rest: [] };
    }
    throw new UsageError(`unknown command "secrets ${second}"`, 'did you mean "eskit secrets list"?');
  }
  if (first === "policy") return { command: policy, rest: argv.slice(1) };
  if (first === "plan") return { command: plan, rest: argv.slice(1) };
  return undefined;
}

/** Writes `eskit: <message>` and `hint: <hint>` for an error; returns its exit code. */
export function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CliError) {
    io.stderr.write(`eskit: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ""}`);
    return error.exitCode;
  }
  if (error instanceof EskitError) {
    io.stderr.write(`eskit: ${error.message}\nhint: fix the fields above and run again\n`);
    return EXIT_FAILURE;
  }
  const message = error instanceof Error ? `${error.name && error.name !== "Error" ? `${error.name}: ` : ""}${error.message}` : String(error);
  io.stderr.write(`eskit: ${message.split("\n")[0]}\nhint: this looks like a bug in eskit; run again with ESKIT_DEBUG=1 for the stack trace\n`);
  if (process.env.ESKIT_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT_FAILURE;
}

/** Runs the command line `argv` (without `node eskit`); resolves to the process exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
      (argv.length === 0 ? io.stderr : io.stdout).write(MAIN_HELP);
      return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
    }
    if (argv[0] === "--version" || argv[0] === "-v") {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      io.stdout.write(`${(require("../package.json") as { version: string }).version}\n`);
      return EXIT_OK;
    }
    const found = route(argv);
    if (!found) throw new UsageError(`unknown command ${JSON.stringify(argv[0])}`, 'run "eskit --help" for the commands');
    return await found.command(found.rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}
