/** Pure builders of the server-side filters eskit sends (and the client-side narrowing for GCP). */
import type { Filter } from "@aws-sdk/client-secrets-manager";
import type { ParameterStringFilter } from "@aws-sdk/client-ssm";

/** Maximum page sizes of each API. */
export const MAX_PAGE_SIZE = {
  secretsManager: 100,
  describeParameters: 50,
  getParametersByPath: 10,
  gcp: 25000,
} as const;

/** Default page sizes: the API maximum, except GCP (1000 keeps responses small and progress frequent). */
export const DEFAULT_PAGE_SIZE = {
  secretsManager: 100,
  describeParameters: 50,
  getParametersByPath: 10,
  gcp: 1000,
} as const;

/**
 * The `Filters` of a Secrets Manager ListSecrets request: `name` is a prefix match in AWS
 * (case-sensitive), so `[{ Key: "name", Values: [prefix] }]` lists exactly the secrets under the prefix.
 * No prefix (or an empty one) means no filter. A prefix starting with `!` would be read by AWS as a
 * negation, so it is rejected by validation, not here.
 */
export function secretsManagerFilters(prefix: string | undefined): Filter[] | undefined {
  return prefix ? [{ Key: "name", Values: [prefix] }] : undefined;
}

/** How Parameter Store is listed for a prefix. */
export type ParameterStorePlan =
  | { readonly kind: "describe"; readonly filters?: ParameterStringFilter[] }
  | { readonly kind: "by-path"; readonly path: string };

/**
 * A prefix that is a path (starts and ends with `/`, e.g. `/app/prod/`) is listed with GetParametersByPath,
 * recursively; any other prefix with DescribeParameters `Name BeginsWith`; no prefix with DescribeParameters alone.
 */
export function parameterStorePlan(prefix: string | undefined): ParameterStorePlan {
  if (!prefix) return { kind: "describe" };
  if (prefix.startsWith("/") && prefix.endsWith("/")) {
    return { kind: "by-path", path: prefix.replace(/\/+$/, "") || "/" };
  }
  return { kind: "describe", filters: [{ Key: "Name", Option: "BeginsWith", Values: [prefix] }] };
}

/** Characters allowed in a GCP secret id (so in a prefix of one). */
export const GCP_SECRET_ID_CHARS = /^[A-Za-z0-9_-]*$/;

/**
 * The GCP list filter for a prefix: `name:PREFIX`. GCP's `:` is a "has" operator (it matches names
 * containing the value), so the server returns a superset that {@link matchesGcpPrefix} narrows.
 * Secret ids only contain `[A-Za-z0-9_-]`, which need no quoting.
 */
export function gcpFilter(prefix: string | undefined): string | undefined {
  return prefix ? `name:${prefix}` : undefined;
}

/** True when a GCP short secret id falls under the prefix (no prefix: everything). */
export function matchesGcpPrefix(secretId: string, prefix: string | undefined): boolean {
  return !prefix || secretId.startsWith(prefix);
}

/** The parent of a GCP listing: `projects/P` or `projects/P/locations/L`. */
export function gcpParent(project: string, location?: string): string {
  return location ? `projects/${project}/locations/${location}` : `projects/${project}`;
}

/** The regional endpoint of GCP Secret Manager for a location. */
export function gcpRegionalEndpoint(location: string): string {
  return `secretmanager.${location}.rep.googleapis.com`;
}

/** The short id of a GCP resource name: its last path segment. */
export function lastSegment(resourceName: string): string {
  const i = resourceName.lastIndexOf("/");
  return i < 0 ? resourceName : resourceName.slice(i + 1);
}
