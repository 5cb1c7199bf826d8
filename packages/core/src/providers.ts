/** The secret stores eskit connects to, and the facts that follow from each. */

/** Identifier of a secret provider (where secrets live). */
export type ProviderId = "aws-secrets-manager" | "aws-parameter-store" | "gcp-secret-manager";

/** The cloud a provider or a cluster belongs to. */
export type Cloud = "aws" | "gcp";

/** What eskit knows about one provider. */
export interface ProviderInfo {
  /** The provider id. */
  readonly id: ProviderId;
  /** The cloud whose IAM guards it. */
  readonly cloud: Cloud;
  /** Human-readable name used in messages and tables. */
  readonly title: string;
  /** `spec.provider.aws.service` of the ESO store (AWS only). */
  readonly awsService?: "SecretsManager" | "ParameterStore";
}

/** Every provider, keyed by id. */
export const PROVIDERS: Readonly<Record<ProviderId, ProviderInfo>> = {
  "aws-secrets-manager": { id: "aws-secrets-manager", cloud: "aws", title: "AWS Secrets Manager", awsService: "SecretsManager" },
  "aws-parameter-store": { id: "aws-parameter-store", cloud: "aws", title: "AWS Parameter Store", awsService: "ParameterStore" },
  "gcp-secret-manager": { id: "gcp-secret-manager", cloud: "gcp", title: "GCP Secret Manager" },
};

/** Provider ids in a stable order (for messages and CLI choices). */
export const PROVIDER_IDS: readonly ProviderId[] = Object.keys(PROVIDERS) as ProviderId[];

/** True when `value` is a known provider id. */
export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(PROVIDERS, value);
}
