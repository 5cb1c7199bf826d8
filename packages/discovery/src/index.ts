/** @eskit/discovery: list the secrets an eskit access can see, streaming, filtered on the server. */
export { listSecrets, validateOptions, pageSizeLimits } from "./list";
export { DiscoveryError, DiscoveryOptionsError } from "./errors";
export { RetriesExhaustedError, retryReason, backoffDelay } from "./retry";
export {
  secretsManagerFilters,
  parameterStorePlan,
  gcpFilter,
  gcpParent,
  gcpRegionalEndpoint,
  matchesGcpPrefix,
  MAX_PAGE_SIZE,
  DEFAULT_PAGE_SIZE,
  type ParameterStorePlan,
} from "./filters";
export type {
  ListSecretsOptions,
  DiscoveredSecret,
  DiscoveryProgress,
  DiscoveryClients,
  AwsCredentials,
  GcpClientOptions,
  RetryEvent,
} from "./types";
