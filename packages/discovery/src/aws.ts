/** Page sources for AWS Secrets Manager and Parameter Store (AWS SDK v3). */
import { ListSecretsCommand, SecretsManagerClient, type SecretListEntry } from "@aws-sdk/client-secrets-manager";
import {
  DescribeParametersCommand,
  GetParametersByPathCommand,
  SSMClient,
  type Parameter,
  type ParameterMetadata,
} from "@aws-sdk/client-ssm";
import { parameterStorePlan, secretsManagerFilters } from "./filters";
import type { AwsCredentials, DiscoveredSecret } from "./types";

/** One page of results and the token of the next one. */
export interface Page {
  readonly items: DiscoveredSecret[];
  readonly nextToken?: string;
}

/** Fetches one page; `token` is undefined for the first. */
export type PageFetcher = (token: string | undefined, signal: AbortSignal | undefined) => Promise<Page>;

/** A page source plus the cleanup of what it created. */
export interface PageSource {
  readonly fetchPage: PageFetcher;
  readonly close: () => void | Promise<void>;
}

/** Settings shared by both AWS sources. */
export interface AwsSourceSettings {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: AwsCredentials;
  readonly prefix?: string;
  readonly pageSize: number;
}

/**
 * Client configuration: the SDK's own retryer makes a single attempt, because eskit retries each page
 * call itself (a second retry layer would multiply attempts, e.g. 3 x 8, and hide them from the count).
 */
function clientConfig(s: AwsSourceSettings) {
  return {
    region: s.region,
    maxAttempts: 1,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.credentials ? { credentials: { ...s.credentials } } : {}),
  };
}

function tagsOf(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> | undefined {
  if (!tags || tags.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const t of tags) if (t.Key !== undefined) out[t.Key] = t.Value ?? "";
  return out;
}

function fromSecretListEntry(e: SecretListEntry): DiscoveredSecret {
  return omitUndefined({
    name: e.Name ?? "",
    id: e.ARN ?? "",
    createdAt: e.CreatedDate,
    updatedAt: e.LastChangedDate,
    description: e.Description || undefined,
    labels: tagsOf(e.Tags),
  });
}

function fromParameterMetadata(p: ParameterMetadata): DiscoveredSecret {
  return omitUndefined({
    name: p.Name ?? "",
    id: p.ARN || (p.Name ?? ""),
    updatedAt: p.LastModifiedDate,
    description: p.Description || undefined,
    type: p.Type,
    version: p.Version,
  });
}

/** GetParametersByPath returns values: only metadata is kept, the value is dropped here. */
function fromParameter(p: Parameter): DiscoveredSecret {
  return omitUndefined({
    name: p.Name ?? "",
    id: p.ARN || (p.Name ?? ""),
    updatedAt: p.LastModifiedDate,
    type: p.Type,
    version: p.Version,
  });
}

/** Secrets Manager: ListSecrets with the `name` filter (a prefix match in AWS), following NextToken. */
export function secretsManagerSource(s: AwsSourceSettings, injected?: SecretsManagerClient): PageSource {
  const client = injected ?? new SecretsManagerClient(clientConfig(s));
  const filters = secretsManagerFilters(s.prefix);
  return {
    async fetchPage(token, signal) {
      const out = await client.send(
        new ListSecretsCommand({ MaxResults: s.pageSize, NextToken: token, ...(filters ? { Filters: filters } : {}) }),
        { abortSignal: signal },
      );
      return { items: (out.SecretList ?? []).map(fromSecretListEntry), nextToken: out.NextToken || undefined };
    },
    close: () => {
      if (!injected) client.destroy();
    },
  };
}

/**
 * Parameter Store: DescribeParameters with `Name BeginsWith`, or GetParametersByPath (recursive, without
 * decryption, values dropped) when the prefix is a path ending in `/`.
 */
export function parameterStoreSource(s: AwsSourceSettings, injected?: SSMClient): PageSource {
  const client = injected ?? new SSMClient(clientConfig(s));
  const plan = parameterStorePlan(s.prefix);
  const close = () => {
    if (!injected) client.destroy();
  };
  if (plan.kind === "by-path") {
    return {
      async fetchPage(token, signal) {
        const out = await client.send(
          new GetParametersByPathCommand({
            Path: plan.path,
            Recursive: true,
            WithDecryption: false,
            MaxResults: s.pageSize,
            NextToken: token,
          }),
          { abortSignal: signal },
        );
        return { items: (out.Parameters ?? []).map(fromParameter), nextToken: out.NextToken || undefined };
      },
      close,
    };
  }
  return {
    async fetchPage(token, signal) {
      const out = await client.send(
        new DescribeParametersCommand({
          MaxResults: s.pageSize,
          NextToken: token,
          ...(plan.filters ? { ParameterFilters: plan.filters } : {}),
        }),
        { abortSignal: signal },
      );
      return { items: (out.Parameters ?? []).map(fromParameterMetadata), nextToken: out.NextToken || undefined };
    },
    close,
  };
}

/** Drops keys whose value is undefined, so results compare and print cleanly. */
export function omitUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
