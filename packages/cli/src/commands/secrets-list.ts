/** `eskit secrets list`: the secrets an access can see, as a table or JSON lines, streamed. */
import { PROVIDER_IDS, PROVIDERS, isProviderId, type ProviderId } from "@eskit/core";
import type { DiscoveredSecret } from "@eskit/discovery";
import { helpText, parseCommandArgs, required, str, type OptionSpecs } from "../args";
import { CliError, EXIT_OK, UsageError } from "../errors";
import { Progress } from "../format/progress";
import { formatCount, formatDate, plural, renderTable, truncate } from "../format/table";
import type { CliIO } from "../io";

const COMMAND = "eskit secrets list";

const OPTIONS: OptionSpecs = {
  provider: { type: "string", value: "PROVIDER", description: `Where the secrets live: ${PROVIDER_IDS.join(", ")}` },
  region: { type: "string", value: "REGION", description: "AWS region (AWS providers)" },
  project: { type: "string", value: "ID", description: "GCP project id or number (gcp-secret-manager)" },
  location: { type: "string", value: "LOCATION", description: "GCP location of regional secrets (default: global secrets)" },
  prefix: { type: "string", value: "PREFIX", description: "Only names starting with PREFIX (filtered on the server)" },
  endpoint: { type: "string", value: "URL", description: "Endpoint override, e.g. a local emulator (http://127.0.0.1:5000)" },
  json: { type: "boolean", description: "One JSON object per line, streamed as pages arrive" },
};

/** Help of `eskit secrets list`. */
export const SECRETS_LIST_HELP = helpText(
  `${COMMAND} --provider PROVIDER (--region REGION | --project ID) [options]`,
  "List the secrets an access can see (names and metadata, never values). Credentials come from the\n" +
    "standard chains: AWS SDK (env, profile, SSO, IMDS) or GCP Application Default Credentials.",
  OPTIONS,
  [
    `${COMMAND} --provider aws-secrets-manager --region eu-west-3 --prefix staging/`,
    `${COMMAND} --provider aws-parameter-store --region us-east-1 --prefix /app/prod/ --json`,
    `${COMMAND} --provider gcp-secret-manager --project my-project --location europe-west4`,
  ],
);

/** The JSON line of one secret: dates as ISO strings, absent fields omitted. */
export function secretToJson(s: DiscoveredSecret): Record<string, unknown> {
  return {
    name: s.name,
    id: s.id,
    ...(s.createdAt ? { createdAt: s.createdAt.toISOString() } : {}),
    ...(s.updatedAt ? { updatedAt: s.updatedAt.toISOString() } : {}),
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(s.type !== undefined ? { type: s.type } : {}),
    ...(s.version !== undefined ? { version: s.version } : {}),
    ...(s.labels && Object.keys(s.labels).length > 0 ? { labels: s.labels } : {}),
  };
}

/** The table of secrets: NAME, CREATED, UPDATED, then TYPE (Parameter Store) and DESCRIPTION when any has one. */
export function secretsTable(provider: ProviderId, secrets: readonly DiscoveredSecret[]): string {
  const withType = provider === "aws-parameter-store";
  const withDescription = secrets.some((s) => s.description);
  const header = ["NAME", "CREATED", "UPDATED", ...(withType ? ["TYPE"] : []), ...(withDescription ? ["DESCRIPTION"] : [])];
  const rows = secrets.map((s) => [
    s.name,
    formatDate(s.createdAt),
    formatDate(s.updatedAt),
    ...(withType ? [s.type ?? "-"] : []),
    ...(withDescription ? [truncate(s.description ?? "", 60)] : []),
  ]);
  return renderTable(header, rows);
}

/** Runs `eskit secrets list`; resolves to the exit code. */
export async function secretsList(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS, COMMAND);
  if (values.help) {
    io.stdout.write(SECRETS_LIST_HELP);
    return EXIT_OK;
  }
  const provider = required(values, "provider", COMMAND);
  if (!isProviderId(provider)) {
    throw new UsageError(`unknown provider ${JSON.stringify(provider)}`, `use one of ${PROVIDER_IDS.join(", ")}`);
  }
  const cloud = PROVIDERS[provider].cloud;
  if (cloud === "aws") required(values, "region", COMMAND, `${provider} is located by region`);
  else required(values, "project", COMMAND, `${provider} is located by project`);
  const json = values.json === true;
  // Loaded only now: the AWS and Google clients take a while to load, and usage errors should not wait.
  const { DiscoveryError, DiscoveryOptionsError, listSecrets } = await import("@eskit/discovery");
  const progress = new Progress(io.stderr);

  let iterator: AsyncIterable<DiscoveredSecret>;
  try {
    iterator = listSecrets({
      provider,
      region: str(values, "region"),
      project: str(values, "project"),
      location: str(values, "location"),
      prefix: str(values, "prefix"),
      endpoint: str(values, "endpoint"),
      onPage: ({ listed, pages }) => progress.update(`listed ${plural(listed, "secret")} (${plural(pages, "page")})...`),
    });
  } catch (error) {
    if (error instanceof DiscoveryOptionsError) {
      throw new UsageError(error.message.replace(/^listSecrets: /, "").replace(/^(\w+) /, "--$1 "), `run "${COMMAND} --help" for the options`);
    }
    throw error;
  }

  const collected: DiscoveredSecret[] = [];
  try {
    for await (const secret of iterator) {
      if (json) {
        progress.clear();
        io.stdout.write(`${JSON.stringify(secretToJson(secret))}\n`);
      } else {
        collected.push(secret);
      }
    }
  } catch (error) {
    progress.clear();
    if (!json && collected.length > 0) io.stdout.write(secretsTable(provider, collected));
    if (error instanceof DiscoveryError) {
      throw new CliError(`${error.message}`, {
        cause: error,
        hint: `${formatCount(error.listed)} listed before the failure${json || collected.length > 0 ? " (printed above)" : ""}; check the credentials, the ${cloud === "aws" ? "region" : "project"} and --endpoint, then retry`,
      });
    }
    throw error;
  }
  progress.clear();
  if (!json) {
    if (collected.length === 0) {
      io.stderr.write(`no secrets found in ${PROVIDERS[provider].title}${values.prefix !== undefined ? ` with prefix ${JSON.stringify(str(values, "prefix"))}` : ""}\n`);
    } else {
      io.stdout.write(secretsTable(provider, collected));
    }
  }
  return EXIT_OK;
}
