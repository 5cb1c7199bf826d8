/** External secret bindings: validation, the ExternalSecret, and the env/envFrom a container needs. */
import { throwIfProblems, type Problem } from "./errors";
import { ESO_API_VERSION } from "./eso/chart";
import { eskitLabels, type EnvFromSecret, type EnvVarFromSecret, type KubeObject } from "./eso/kube";
import { kubeName } from "./names";
import type { ProviderId } from "./providers";
import { keyInsideRestriction } from "./restriction";
import type { BindingSpec, SecretSource } from "./spec";
import { isRecord, ProblemCollector } from "./validation/checks";
import * as syntax from "./validation/syntax";

/** Refresh value meaning "fetched when deployed" (ESO `refreshPolicy: OnChange`). */
export const REFRESH_ON_DEPLOY = "deploy";

/** What a binding needs to know of its access (a `ResolvedAccess` satisfies it). */
export interface BindingAccess {
  readonly storeName: string;
  readonly spec: { readonly name: string; readonly provider: ProviderId; readonly restrictTo?: readonly string[] };
}

/** One env var of a binding, normalized. */
export interface BindingEntry extends SecretSource {
  /** Environment variable name (also the key in the target Secret). */
  readonly envVar: string;
}

/** A validated binding with its derived names and entries sorted by env var. */
export interface ResolvedBinding {
  readonly spec: BindingSpec;
  /** ExternalSecret name. */
  readonly name: string;
  /** Namespace of the service. */
  readonly namespace: string;
  /** Name of the target Secret the ExternalSecret owns. */
  readonly secretName: string;
  /** Store the binding reads from. */
  readonly storeName: string;
  /** `"deploy"` or an interval. */
  readonly refresh: string;
  /** Entries sorted by env var name. */
  readonly entries: readonly BindingEntry[];
}

const KEY_RULES: Record<ProviderId, RegExp> = {
  "aws-secrets-manager": /^([A-Za-z0-9/_+=.@-]{1,512}|arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+)$/,
  "aws-parameter-store": /^([A-Za-z0-9/_.-]{1,2048}|arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]+)$/,
  "gcp-secret-manager": /^([A-Za-z0-9_-]{1,255}|projects\/[^/]+\/(locations\/[^/]+\/)?secrets\/[A-Za-z0-9_-]{1,255})$/,
};
const KEY_EXPECTED: Record<ProviderId, string> = {
  "aws-secrets-manager": 'a secret name such as "staging/db" or a secret ARN',
  "aws-parameter-store": 'a parameter name such as "/app/prod/db"',
  "gcp-secret-manager": 'a secret id such as "staging-db" (letters, digits, _ and -)',
};

function sourceOf(value: string | SecretSource): SecretSource {
  return typeof value === "string" ? { key: value } : value;
}

/** Every problem with a binding; with `access`, also every key outside the access's restriction. */
export function validateBinding(spec: BindingSpec, access?: BindingAccess): Problem[] {
  const c = new ProblemCollector();
  const raw = spec as unknown as Record<string, unknown>;
  if (!isRecord(raw)) return [{ path: "(binding)", value: spec, message: "must be an object", fix: "Pass { name, namespace, env }." }];
  if (typeof raw.name !== "string" || raw.name.trim() === "") c.add({ path: "name", value: raw.name, message: "must be a non-empty string", fix: 'Name the binding after its service, e.g. "api".' });
  c.required("namespace", raw.namespace, syntax.DNS1123_LABEL);
  c.optional("secretName", raw.secretName, syntax.DNS1123_SUBDOMAIN);
  const refresh = raw.refresh;
  if (refresh !== undefined && refresh !== REFRESH_ON_DEPLOY) {
    if (typeof refresh !== "string" || !syntax.GO_DURATION.test(refresh) || !/[1-9]/.test(refresh)) {
      c.add({ path: "refresh", value: refresh, message: "is not a refresh policy", fix: `Use "deploy" (fetched when deployed) or ${syntax.GO_DURATION.expected.replace(', or "deploy"', "")}.` });
    }
  }
  const env = raw.env;
  if (!isRecord(env) || Object.keys(env).length === 0) {
    c.add({ path: "env", value: env, message: "must map at least one environment variable to a secret", fix: '{ DB_PASSWORD: { key: "staging/db", property: "password" } }' });
    return c.problems;
  }
  const provider = access?.spec.provider;
  for (const [name, value] of Object.entries(env)) {
    const at = `env.${name}`;
    if (!syntax.ENV_VAR_NAME.test(name)) c.add({ path: at, value: name, message: "is not a valid environment variable name", fix: `Use ${syntax.ENV_VAR_NAME.expected}.` });
    if (typeof value !== "string" && !isRecord(value)) {
      c.add({ path: at, value, message: "must be a secret name or { key, property?, version? }", fix: '"staging/api-key" or { key: "staging/db", property: "password" }' });
      continue;
    }
    const source = sourceOf(value as string | SecretSource);
    const keyPath = typeof value === "string" ? at : `${at}.key`;
    if (typeof source.key !== "string" || source.key === "") {
      c.add({ path: keyPath, value: source.key, message: "must name a secret", fix: "Give the secret's name in the provider." });
      continue;
    }
    if (provider && !KEY_RULES[provider].test(source.key)) {
      c.add({ path: keyPath, value: source.key, message: `is not a ${provider} secret name`, fix: `Use ${KEY_EXPECTED[provider]}.` });
    } else if (access && !keyInsideRestriction(access.spec.provider, access.spec.restrictTo, source.key)) {
      c.add({
        path: keyPath,
        value: source.key,
        message: `is outside the restriction of access "${access.spec.name}" (${JSON.stringify(access.spec.restrictTo)}), so ESO would be denied reading it`,
        fix: "Bind a secret inside the restriction, or add a pattern that covers it to the access's restrictTo.",
      });
    }
    if (source.property !== undefined && (typeof source.property !== "string" || source.property === "")) {
      c.add({ path: `${at}.property`, value: source.property, message: "must be a non-empty JSON key", fix: 'E.g. "password".' });
    }
    if (source.version !== undefined) {
      const v = source.version;
      const ok = typeof v === "string" && v !== "" && (provider === "gcp-secret-manager" ? /^([1-9]\d*|latest)$/.test(v) : provider === "aws-parameter-store" ? /^[1-9]\d*$/.test(v) : true);
      if (!ok) c.add({ path: `${at}.version`, value: v, message: `is not a ${provider ?? "provider"} version`, fix: provider === "gcp-secret-manager" ? 'Use a version number such as "3", or "latest".' : provider === "aws-parameter-store" ? 'Use a parameter version number such as "3".' : "Use a version id (uuid/...) or a stage such as AWSCURRENT." });
    }
  }
  return c.problems;
}

/** Validates a binding against its access (throwing one `EskitError` listing every problem) and derives its names. */
export function resolveBinding(spec: BindingSpec, access: BindingAccess): ResolvedBinding {
  throwIfProblems(`Invalid External Secret Binding "${String(spec?.name)}"`, validateBinding(spec, access));
  const entries = Object.entries(spec.env)
    .map(([envVar, value]) => ({ envVar, ...sourceOf(value) }))
    .sort((a, b) => (a.envVar < b.envVar ? -1 : a.envVar > b.envVar ? 1 : 0));
  const name = kubeName([spec.name]);
  return {
    spec,
    name,
    namespace: spec.namespace,
    secretName: spec.secretName ?? name,
    storeName: access.storeName,
    refresh: spec.refresh ?? REFRESH_ON_DEPLOY,
    entries,
  };
}

/** The binding's ExternalSecret (`external-secrets.io/v1`): one data entry per env var, target Secret owned by it. */
export function buildExternalSecret(binding: ResolvedBinding): KubeObject {
  const periodic = binding.refresh !== REFRESH_ON_DEPLOY;
  return {
    apiVersion: ESO_API_VERSION,
    kind: "ExternalSecret",
    metadata: { name: binding.name, namespace: binding.namespace, labels: eskitLabels({ "eskit.dev/access": binding.storeName }) },
    spec: {
      refreshPolicy: periodic ? "Periodic" : "OnChange",
      ...(periodic ? { refreshInterval: binding.refresh } : {}),
      secretStoreRef: { kind: "ClusterSecretStore", name: binding.storeName },
      target: { name: binding.secretName, creationPolicy: "Owner", deletionPolicy: "Retain" },
      data: binding.entries.map((e) => ({
        secretKey: e.envVar,
        remoteRef: { key: e.key, ...(e.property !== undefined ? { property: e.property } : {}), ...(e.version !== undefined ? { version: e.version } : {}) },
      })),
    },
  };
}

/** Container `env` entries: each variable from its key in the binding's target Secret. */
export function buildEnv(binding: ResolvedBinding): EnvVarFromSecret[] {
  return binding.entries.map((e) => ({ name: e.envVar, valueFrom: { secretKeyRef: { name: binding.secretName, key: e.envVar } } }));
}

/** Container `envFrom` entries: the whole target Secret (its keys are the env var names). */
export function buildEnvFrom(binding: ResolvedBinding): EnvFromSecret[] {
  return [{ secretRef: { name: binding.secretName } }];
}

/**
 * Problems when several bindings feed one service: an env var defined twice, or bindings in
 * different namespaces. Use it before merging env from several bindings into one container.
 */
export function validateServiceEnv(bindings: readonly Pick<ResolvedBinding, "name" | "namespace" | "entries">[]): Problem[] {
  const problems: Problem[] = [];
  const owner = new Map<string, string>();
  for (const b of bindings) {
    if (bindings[0] && b.namespace !== bindings[0].namespace) {
      problems.push({ path: `${b.name}.namespace`, value: b.namespace, message: `differs from "${bindings[0].namespace}" of binding "${bindings[0].name}": a container only reads Secrets of its own namespace`, fix: "Put every binding of a service in the service's namespace." });
    }
    for (const e of b.entries) {
      const first = owner.get(e.envVar);
      if (first !== undefined) {
        problems.push({ path: `${b.name}.env.${e.envVar}`, value: e.envVar, message: `is already set by binding "${first}"`, fix: "Rename one of the variables: a service sees each name once." });
      } else owner.set(e.envVar, b.name);
    }
  }
  return problems;
}
