/** An external secret binding: one ExternalSecret, and the env a container needs. */
import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import {
  buildEnv,
  buildEnvFrom,
  buildExternalSecret,
  resolveBinding,
  throwIfProblems,
  validateServiceEnv,
  type EnvFromSecret,
  type EnvMapping,
  type EnvVarFromSecret,
  type ResolvedBinding,
} from "@eskit/core";
import type { SecretManagerAccess } from "./access";
import { raising, resourceError } from "./inputs";

/** Inputs of an `ExternalSecretBinding`: plain values, known when the program runs. */
export interface ExternalSecretBindingArgs {
  /** The access whose ClusterSecretStore serves the secrets. */
  readonly access: SecretManagerAccess;
  /** Namespace of the service. */
  readonly namespace: string;
  /** Env var name -> secret name, or `{ key, property?, version? }`. */
  readonly env: EnvMapping;
  /** `"deploy"` (fetched when deployed) or an interval such as `"1h"`. @default "deploy" */
  readonly refresh?: "deploy" | string;
  /** Name of the target Kubernetes Secret. @default derived from the binding name */
  readonly secretName?: string;
}

/**
 * One service's external secrets: exactly one ESO `ExternalSecret` in the service's namespace, reading
 * from the access's ClusterSecretStore (and depending on it). `env` and `envFrom` are plain values ready
 * for a container; add `dependsOn: [binding]` to the workload to create it after its secrets.
 * Keys outside the access's restriction are rejected with a `pulumi.ResourceError` before anything is registered.
 */
export class ExternalSecretBinding extends pulumi.ComponentResource {
  /** The binding as validated by core: names and sorted entries. */
  readonly resolved: ResolvedBinding;
  /** The ExternalSecret. */
  readonly externalSecret: CustomResource;
  /** Name of the target Secret the ExternalSecret creates and owns. */
  readonly secretName: string;
  /** Container `env` entries, one `valueFrom.secretKeyRef` per variable. */
  readonly env: EnvVarFromSecret[];
  /** Container `envFrom` entries exposing the whole target Secret. */
  readonly envFrom: EnvFromSecret[];

  /** Validates the binding against its access and creates its ExternalSecret. */
  constructor(name: string, args: ExternalSecretBindingArgs, opts?: pulumi.ComponentResourceOptions) {
    const access = args?.access;
    if (!access?.resolved || !access.store) {
      throw resourceError(`Invalid External Secret Binding "${name}"`, [{ path: "access", message: "must be a SecretManagerAccess", fix: "Pass the SecretManagerAccess whose store serves these secrets." }]);
    }
    const resolved = raising(() =>
      resolveBinding({ name, namespace: args.namespace, env: args.env, refresh: args.refresh, secretName: args.secretName }, access.resolved),
    );
    super("eskit:index:ExternalSecretBinding", name, {}, opts);
    this.resolved = resolved;
    const object = buildExternalSecret(resolved);
    this.externalSecret = new CustomResource(
      name,
      { apiVersion: object.apiVersion, kind: object.kind, metadata: object.metadata, spec: object.spec },
      { parent: this, dependsOn: access.store },
    );
    this.secretName = resolved.secretName;
    this.env = buildEnv(resolved);
    this.envFrom = buildEnvFrom(resolved);
    // env/envFrom are plain properties: registering them as outputs made Pulumi serialize every entry of
    // every binding (measured: 1.42x -> 1.1x raw build time at 1,000 bindings, see docs/performance.md).
    this.registerOutputs({ secretName: this.secretName });
  }
}

/** The env of one service fed by several bindings. */
export interface ServiceEnv {
  /** Every binding's `env` entries, in binding order. */
  readonly env: EnvVarFromSecret[];
  /** Every binding's `envFrom` entries. */
  readonly envFrom: EnvFromSecret[];
}

/**
 * Merges the env of several bindings of one service, rejecting (with an `EskitError` listing every
 * problem) a variable set twice or bindings in different namespaces.
 */
export function mergeEnv(...bindings: readonly ExternalSecretBinding[]): ServiceEnv {
  throwIfProblems("Conflicting environment of one service", validateServiceEnv(bindings.map((b) => b.resolved)));
  return { env: bindings.flatMap((b) => b.env), envFrom: bindings.flatMap((b) => b.envFrom) };
}
