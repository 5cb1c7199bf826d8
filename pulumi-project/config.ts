/**
 * The stack configuration of this project: its shape, and the checks eskit cannot make for it (which
 * config key a problem comes from, static credentials read from secret config keys). Everything about
 * the values themselves (providers, ARNs, restrictions, env names) is validated by eskit's components.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AuthArgs, AwsClusterArgs, ExternalSecretBindingArgs, GcpClusterArgs, SecretManagerAccessArgs } from "@eskit/pulumi";

/** `cluster`: the cluster ESO runs in, `{ cloud: aws, oidcProviderArn, oidcIssuerUrl }` or `{ cloud: gcp, project, location, name }`. */
export type ClusterConfig = AwsClusterArgs | GcpClusterArgs;

/** Static credentials are never written in config objects: the auth names the secret config keys holding them. */
export type AuthConfig =
  | Exclude<AuthArgs, { accessKeyId: unknown } | { credentialsJson: unknown }>
  | { readonly type: "static"; readonly accessKeyIdSecret: string; readonly secretAccessKeySecret: string }
  | { readonly type: "static"; readonly credentialsJsonSecret: string };

/** One entry of `accesses` (its key is the access name): `SecretManagerAccessArgs` without operator and cluster. */
export type AccessConfig = Omit<SecretManagerAccessArgs, "operator" | "cluster" | "auth"> & { readonly auth: AuthConfig };

/** One entry of `bindings` (its key is the binding name): `access` names an entry of `accesses`. */
export type BindingConfig = Omit<ExternalSecretBindingArgs, "access"> & { readonly access: string };

/** The whole configuration, read and checked. */
export interface StackConfig {
  readonly cluster: ClusterConfig;
  readonly accesses: Readonly<Record<string, AccessConfig>>;
  readonly bindings: Readonly<Record<string, BindingConfig>>;
  readonly createNamespaces: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads the configuration; throws one `RunError` listing every problem, each naming its config key. */
export function readConfig(config = new pulumi.Config()): StackConfig {
  const key = (path: string) => `${config.name}:${path}`;
  const problems: string[] = [];
  const problem = (path: string, message: string) => problems.push(`  ${key(path)}: ${message}`);

  const cluster = config.requireObject<ClusterConfig>("cluster");
  if (!isObject(cluster) || !["aws", "gcp"].includes(cluster.cloud)) problem("cluster.cloud", `must be "aws" or "gcp" (got ${JSON.stringify(isObject(cluster) ? cluster.cloud : cluster)})`);

  const accesses = config.requireObject<Record<string, AccessConfig>>("accesses");
  if (!isObject(accesses) || Object.keys(accesses).length === 0) problem("accesses", "must map access names to { provider, auth, ... }");
  else {
    for (const [name, access] of Object.entries(accesses)) {
      if (!isObject(access)) problem(`accesses.${name}`, "must be an object { provider, auth, ... }");
      else if (!isObject(access.auth)) problem(`accesses.${name}.auth`, 'must be an object such as { type: automatic }');
      else {
        for (const field of ["accessKeyIdSecret", "secretAccessKeySecret", "credentialsJsonSecret"] as const) {
          const secretKey = (access.auth as Record<string, unknown>)[field];
          if (secretKey !== undefined && (typeof secretKey !== "string" || config.get(secretKey) === undefined)) {
            problem(`accesses.${name}.auth.${field}`, `names config key ${JSON.stringify(secretKey)}, which is not set; run: pulumi config set --secret ${String(secretKey)} <value>`);
          }
        }
      }
    }
  }

  const bindings = config.getObject<Record<string, BindingConfig>>("bindings") ?? {};
  if (!isObject(bindings)) problem("bindings", "must map binding names to { access, namespace, env }");
  else {
    for (const [name, binding] of Object.entries(bindings)) {
      if (!isObject(binding)) problem(`bindings.${name}`, "must be an object { access, namespace, env }");
      else if (!isObject(accesses) || !(binding.access in accesses)) problem(`bindings.${name}.access`, `must name an entry of ${key("accesses")} (got ${JSON.stringify(binding.access)}; known: ${Object.keys(isObject(accesses) ? accesses : {}).join(", ")})`);
    }
  }

  if (problems.length > 0) throw new pulumi.RunError(`Invalid stack configuration (${problems.length} problem${problems.length > 1 ? "s" : ""}):\n${problems.join("\n")}`);
  return { cluster, accesses, bindings, createNamespaces: config.getBoolean("createNamespaces") ?? true };
}

/** The component args of an access's auth: secret config keys replaced by their (secret) values. */
export function authArgs(auth: AuthConfig, config = new pulumi.Config()): AuthArgs {
  if ("accessKeyIdSecret" in auth) return { type: "static", accessKeyId: config.requireSecret(auth.accessKeyIdSecret), secretAccessKey: config.requireSecret(auth.secretAccessKeySecret) };
  if ("credentialsJsonSecret" in auth) return { type: "static", credentialsJson: config.requireSecret(auth.credentialsJsonSecret) };
  return auth;
}

/**
 * Collects the problems of the whole stack so one run reports all of them, each under the config key it
 * comes from: `collect` runs a component constructor (eskit validates synchronously), `throwIfAny` ends the run.
 */
export class ConfigProblems {
  private readonly problems: string[] = [];

  constructor(private readonly config = new pulumi.Config()) {}

  /** Runs `create`; on an error, records it under `path` and returns undefined. */
  collect<T>(path: string, create: () => T): T | undefined {
    try {
      return create();
    } catch (error) {
      this.problems.push(`${this.config.name}:${path} is invalid. ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Throws one `RunError` (a clean exit, no stack trace) listing every problem collected. */
  throwIfAny(): void {
    if (this.problems.length > 0) throw new pulumi.RunError(`Invalid stack configuration:\n${this.problems.join("\n")}`);
  }
}
