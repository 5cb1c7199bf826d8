/** Options and results of {@link listSecrets}. */
import type { ProviderId } from "@eskit/core";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SSMClient } from "@aws-sdk/client-ssm";
import type { SecretManagerServiceClient } from "@google-cloud/secret-manager";

/** Explicit AWS credentials (an access key pair, optionally with a session token). */
export interface AwsCredentials {
  /** The access key id. */
  readonly accessKeyId: string;
  /** The secret access key. */
  readonly secretAccessKey: string;
  /** The session token of temporary credentials; default: none. */
  readonly sessionToken?: string;
}

/** Options of the Google Cloud client (`credentials`, `keyFilename`, `sslCreds`, ...), as the client library types them. */
export type GcpClientOptions = NonNullable<ConstructorParameters<typeof SecretManagerServiceClient>[0]>;

/** Pre-built clients, for tests or to share connections; eskit never closes a client it did not create. */
export interface DiscoveryClients {
  /** Used for `aws-secrets-manager`; default: a new client built from the options. */
  readonly secretsManager?: SecretsManagerClient;
  /** Used for `aws-parameter-store`; default: a new client built from the options. */
  readonly ssm?: SSMClient;
  /** Used for `gcp-secret-manager`; default: a new client built from the options. */
  readonly gcp?: SecretManagerServiceClient;
}

/** Progress of a listing, reported after every page. */
export interface DiscoveryProgress {
  /** Pages received so far. */
  readonly pages: number;
  /** Secrets yielded so far. */
  readonly listed: number;
}

/** One retry that is about to happen (after a throttling or transient error). */
export interface RetryEvent {
  /** The attempt that failed, counting from 1. */
  readonly attempt: number;
  /** How long eskit waits before the next attempt, in milliseconds. */
  readonly delayMs: number;
  /** Why it failed: `throttling` or `transient` (5xx, network). */
  readonly reason: "throttling" | "transient";
  /** The error of the failed attempt. */
  readonly error: unknown;
}

/** What to list, where, and how. */
export interface ListSecretsOptions {
  /** Where the secrets live. */
  readonly provider: ProviderId;
  /** AWS region (required for AWS providers, rejected for GCP). */
  readonly region?: string;
  /** GCP project id or number (required for `gcp-secret-manager`, rejected for AWS). */
  readonly project?: string;
  /**
   * GCP location of regional secrets (e.g. `europe-west4`); default: global secrets.
   * Uses the regional endpoint `secretmanager.LOCATION.rep.googleapis.com` and the parent `projects/P/locations/L`.
   */
  readonly location?: string;
  /**
   * Only secrets whose name starts with this prefix; filtered on the server. Default: every secret.
   * - Secrets Manager: the `name` filter, which AWS applies as a prefix match.
   * - Parameter Store: `Name BeginsWith`; a path that starts and ends with `/` (e.g. `/app/prod/`) is listed
   *   recursively with GetParametersByPath instead.
   * - GCP: the list filter `name:PREFIX` (a "has" match, i.e. a superset), narrowed to the prefix by eskit.
   */
  readonly prefix?: string;
  /**
   * Endpoint override; default: the provider's public endpoint.
   * AWS: a URL (`http://127.0.0.1:5000`). GCP: `host` or `host:port` (e.g. a local fake server).
   */
  readonly endpoint?: string;
  /**
   * Explicit credentials; default: the standard chain (AWS SDK default provider chain; GCP Application Default Credentials).
   * AWS providers take {@link AwsCredentials}; GCP takes client options ({@link GcpClientOptions}).
   */
  readonly credentials?: AwsCredentials | GcpClientOptions;
  /**
   * Secrets per page; default and maximum: 100 for Secrets Manager, 50 for DescribeParameters (10 for
   * GetParametersByPath, whose maximum is 10), 1000 for GCP (whose maximum is 25000).
   */
  readonly pageSize?: number;
  /** Attempts per page call before giving up on throttling or transient errors; default 8. */
  readonly maxAttempts?: number;
  /** Backoff between attempts: full jitter over `min(maxMs, baseMs * 2^attempt)`; default `{ baseMs: 200, maxMs: 20000 }`. */
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
  /** Cancels the listing (it then throws a `DiscoveryError`); default: none. */
  readonly signal?: AbortSignal;
  /** Called after each page (for progress on long listings); default: none. */
  readonly onPage?: (progress: DiscoveryProgress) => void;
  /** Called before each retry; default: none. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Pre-built clients; default: eskit builds (and closes) its own. */
  readonly clients?: DiscoveryClients;
}

/** One secret (or parameter) found by {@link listSecrets}. It never carries a secret value. */
export interface DiscoveredSecret {
  /** The name as users write it in bindings: AWS secret or parameter name; GCP short secret id. */
  readonly name: string;
  /**
   * The full identifier: ARN (AWS) or resource name `projects/P[/locations/L]/secrets/S` (GCP).
   * For a parameter whose listing carries no ARN (older endpoints, emulators), its name.
   */
  readonly id: string;
  /** When it was created, when the provider says. */
  readonly createdAt?: Date;
  /** When it was last changed, when the provider says. */
  readonly updatedAt?: Date;
  /** Its description, when it has one. */
  readonly description?: string;
  /** Parameter type (`String`, `StringList`, `SecureString`); Parameter Store only. */
  readonly type?: string;
  /** Current version, when the listing returns it (Parameter Store). */
  readonly version?: number | string;
  /** Tags (AWS Secrets Manager) or labels (GCP), when it has some. */
  readonly labels?: Readonly<Record<string, string>>;
}
