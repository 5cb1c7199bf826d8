/** `listSecrets`: validation, then a lazy walk over pages with retries. */
import { isProviderId, PROVIDER_IDS, PROVIDERS, type ProviderId } from "@eskit/core";
import { parameterStoreSource, secretsManagerSource, type PageSource } from "./aws";
import { DiscoveryError, DiscoveryOptionsError } from "./errors";
import { DEFAULT_PAGE_SIZE, GCP_SECRET_ID_CHARS, MAX_PAGE_SIZE, parameterStorePlan } from "./filters";
import { gcpSource } from "./gcp";
import { DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_MAX_MS, DEFAULT_MAX_ATTEMPTS, withRetry } from "./retry";
import type { AwsCredentials, DiscoveredSecret, GcpClientOptions, ListSecretsOptions } from "./types";

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const GCP_PROJECT = /^([a-z][a-z0-9-]{4,28}[a-z0-9]|\d+)$/;
const GCP_LOCATION = /^[a-z]+(-[a-z]+)*\d+$/;

/** The checked options, with defaults applied. */
interface Resolved {
  readonly provider: ProviderId;
  readonly pageSize: number;
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

function positiveInt(field: string, value: number | undefined, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new DiscoveryOptionsError(field, value, `must be an integer from 1 to ${max}`);
  }
}

/** The largest page size (and the default) of the API a provider and prefix are listed with. */
export function pageSizeLimits(provider: ProviderId, prefix: string | undefined): { max: number; default: number } {
  switch (provider) {
    case "aws-secrets-manager":
      return { max: MAX_PAGE_SIZE.secretsManager, default: DEFAULT_PAGE_SIZE.secretsManager };
    case "aws-parameter-store":
      return parameterStorePlan(prefix).kind === "by-path"
        ? { max: MAX_PAGE_SIZE.getParametersByPath, default: DEFAULT_PAGE_SIZE.getParametersByPath }
        : { max: MAX_PAGE_SIZE.describeParameters, default: DEFAULT_PAGE_SIZE.describeParameters };
    case "gcp-secret-manager":
      return { max: MAX_PAGE_SIZE.gcp, default: DEFAULT_PAGE_SIZE.gcp };
  }
}

/**
 * Checks options before any request; throws {@link DiscoveryOptionsError} naming the field and its value.
 * A page size above a path listing's maximum (10 for GetParametersByPath) is lowered to it.
 */
export function validateOptions(opts: ListSecretsOptions): Resolved {
  if (typeof opts !== "object" || opts === null) throw new DiscoveryOptionsError("options", opts, "must be an object");
  const { provider } = opts;
  if (!isProviderId(provider)) {
    throw new DiscoveryOptionsError("provider", provider, `is not one of ${PROVIDER_IDS.join(", ")}`);
  }
  const cloud = PROVIDERS[provider].cloud;
  if (opts.prefix !== undefined && typeof opts.prefix !== "string") {
    throw new DiscoveryOptionsError("prefix", opts.prefix, "must be a string");
  }
  if (cloud === "aws") {
    if (opts.region === undefined || opts.region === "") {
      throw new DiscoveryOptionsError("region", opts.region, `is required for provider "${provider}" (e.g. region: "us-east-1")`);
    }
    if (typeof opts.region !== "string" || !AWS_REGION.test(opts.region)) {
      throw new DiscoveryOptionsError("region", opts.region, `is not an AWS region (e.g. "us-east-1", "eu-west-3")`);
    }
    for (const field of ["project", "location"] as const) {
      if (opts[field] !== undefined) {
        throw new DiscoveryOptionsError(field, opts[field], `applies to gcp-secret-manager, not to "${provider}" (use region)`);
      }
    }
    if (provider === "aws-secrets-manager" && opts.prefix?.startsWith("!")) {
      throw new DiscoveryOptionsError("prefix", opts.prefix, "starts with \"!\", which the Secrets Manager name filter reads as a negation");
    }
    if (opts.credentials !== undefined) {
      const c = opts.credentials as Partial<AwsCredentials>;
      if (typeof c.accessKeyId !== "string" || typeof c.secretAccessKey !== "string" || !c.accessKeyId || !c.secretAccessKey) {
        // never echo credential values
        throw new DiscoveryOptionsError("credentials", "(redacted)", "must be { accessKeyId, secretAccessKey, sessionToken? } for AWS");
      }
    }
    if (opts.endpoint !== undefined && !/^https?:\/\//.test(opts.endpoint)) {
      throw new DiscoveryOptionsError("endpoint", opts.endpoint, `must be an http(s) URL for AWS (e.g. "http://127.0.0.1:5000")`);
    }
  } else {
    if (opts.project === undefined || opts.project === "") {
      throw new DiscoveryOptionsError("project", opts.project, `is required for provider "${provider}" (a project id such as "my-project")`);
    }
    if (typeof opts.project !== "string" || !GCP_PROJECT.test(opts.project)) {
      throw new DiscoveryOptionsError("project", opts.project, "is not a GCP project id (6-30 lowercase letters, digits, hyphens) or number");
    }
    if (opts.location !== undefined && (typeof opts.location !== "string" || !GCP_LOCATION.test(opts.location))) {
      throw new DiscoveryOptionsError("location", opts.location, `is not a GCP location (e.g. "europe-west4")`);
    }
    if (opts.region !== undefined) {
      throw new DiscoveryOptionsError("region", opts.region, `applies to AWS providers, not to "${provider}" (use location for regional secrets)`);
    }
    if (opts.prefix !== undefined && !GCP_SECRET_ID_CHARS.test(opts.prefix)) {
      throw new DiscoveryOptionsError("prefix", opts.prefix, "cannot match a GCP secret id (ids only contain letters, digits, - and _)");
    }
  }
  const limits = pageSizeLimits(provider, opts.prefix);
  const absoluteMax = provider === "aws-parameter-store" ? MAX_PAGE_SIZE.describeParameters : limits.max;
  positiveInt("pageSize", opts.pageSize, absoluteMax);
  positiveInt("maxAttempts", opts.maxAttempts, 100);
  const baseMs = opts.backoff?.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const maxMs = opts.backoff?.maxMs ?? DEFAULT_BACKOFF_MAX_MS;
  if (!(baseMs >= 0) || !(maxMs >= 0)) throw new DiscoveryOptionsError("backoff", opts.backoff, "needs non-negative baseMs and maxMs");
  if (opts.onPage !== undefined && typeof opts.onPage !== "function") {
    throw new DiscoveryOptionsError("onPage", opts.onPage, "must be a function");
  }
  return {
    provider,
    pageSize: Math.min(opts.pageSize ?? limits.default, limits.max),
    maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    baseMs,
    maxMs,
  };
}

function openSource(opts: ListSecretsOptions, r: Resolved): PageSource {
  switch (r.provider) {
    case "aws-secrets-manager":
    case "aws-parameter-store": {
      const settings = {
        region: opts.region as string,
        endpoint: opts.endpoint,
        credentials: opts.credentials as AwsCredentials | undefined,
        prefix: opts.prefix,
        pageSize: r.pageSize,
      };
      return r.provider === "aws-secrets-manager"
        ? secretsManagerSource(settings, opts.clients?.secretsManager)
        : parameterStoreSource(settings, opts.clients?.ssm);
    }
    case "gcp-secret-manager":
      return gcpSource(
        {
          project: opts.project as string,
          location: opts.location,
          endpoint: opts.endpoint,
          clientOptions: opts.credentials as GcpClientOptions | undefined,
          prefix: opts.prefix,
          pageSize: r.pageSize,
        },
        opts.clients?.gcp,
      );
  }
}

/**
 * Streams the secrets of one provider, filtered on the server by `prefix`, page by page to the end.
 * Lazy: nothing is requested until iteration starts, and each page is yielded as it arrives.
 * Options are checked up front: a {@link DiscoveryOptionsError} is thrown by this call, before any request.
 * Throttling and transient errors are retried with exponential backoff and jitter; a failure that remains
 * throws {@link DiscoveryError}, which says how many secrets were listed before it: never a silent truncation.
 *
 * ```ts
 * for await (const s of listSecrets({ provider: "aws-secrets-manager", region: "eu-west-1", prefix: "staging/" })) {
 *   console.log(s.name, s.id);
 * }
 * ```
 */
export function listSecrets(opts: ListSecretsOptions): AsyncGenerator<DiscoveredSecret, void, undefined> {
  return walk(opts, validateOptions(opts));
}

async function* walk(opts: ListSecretsOptions, r: Resolved): AsyncGenerator<DiscoveredSecret, void, undefined> {
  let listed = 0;
  let pages = 0;
  let source: PageSource | undefined;
  try {
    source = openSource(opts, r);
    let token: string | undefined;
    const seenTokens = new Set<string>();
    do {
      const current = token;
      const page = await withRetry(() => source!.fetchPage(current, opts.signal), {
        maxAttempts: r.maxAttempts,
        baseMs: r.baseMs,
        maxMs: r.maxMs,
        signal: opts.signal,
        onRetry: opts.onRetry,
      });
      pages++;
      token = page.nextToken;
      if (token !== undefined) {
        if (seenTokens.has(token)) throw new Error(`the server returned page token ${JSON.stringify(token)} twice (a paging loop)`);
        seenTokens.add(token);
      }
      for (const item of page.items) {
        listed++;
        yield item;
      }
      opts.onPage?.({ pages, listed });
    } while (token !== undefined);
  } catch (error) {
    throw new DiscoveryError(r.provider, listed, pages, error);
  } finally {
    await source?.close();
  }
}
