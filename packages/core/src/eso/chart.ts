/** The External Secrets Operator Helm chart eskit installs, and its default values. */

/** Coordinates of the ESO chart. */
export interface ChartCoordinates {
  /** Chart name. */
  readonly chart: string;
  /** Helm repository URL. */
  readonly repository: string;
  /** Chart version. */
  readonly version: string;
}

/** ESO chart pinned by eskit: external-secrets 2.9.0 from https://charts.external-secrets.io. */
export const ESO_CHART: ChartCoordinates = { chart: "external-secrets", repository: "https://charts.external-secrets.io", version: "2.9.0" };

/** Release name of the operator. */
export const ESO_RELEASE_NAME = "external-secrets";

/** API group/version of every ESO object eskit emits. */
export const ESO_API_VERSION = "external-secrets.io/v1";

/** Helm values eskit sets: CRDs installed, nothing else changed from the chart's defaults. */
export const ESO_DEFAULT_VALUES: Readonly<Record<string, unknown>> = Object.freeze({ installCRDs: true });

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep-merges Helm values: objects merge key by key, anything else (arrays included) is replaced by `over`. */
export function mergeValues(base: Readonly<Json>, over: Readonly<Json> | undefined): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over ?? {})) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
  }
  return out;
}

/** Options of the operator. */
export interface OperatorSpec {
  /** Namespace of the release. @default "external-secrets" */
  readonly namespace?: string;
  /** Chart version. @default ESO_CHART.version ("2.9.0") */
  readonly chartVersion?: string;
  /** Helm values merged over eskit's defaults. @default {} */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** The resolved release: chart coordinates, namespace and merged values. */
export interface OperatorRelease extends ChartCoordinates {
  /** Release name. */
  readonly releaseName: string;
  /** Namespace of the release. */
  readonly namespace: string;
  /** Helm values (eskit defaults merged with the user's). */
  readonly values: Record<string, unknown>;
}

/** Resolves the operator's Helm release from its options. */
export function buildOperatorRelease(spec: OperatorSpec = {}): OperatorRelease {
  return {
    ...ESO_CHART,
    version: spec.chartVersion ?? ESO_CHART.version,
    releaseName: ESO_RELEASE_NAME,
    namespace: spec.namespace ?? "external-secrets",
    values: mergeValues(ESO_DEFAULT_VALUES, spec.values),
  };
}

/** Every problem with the operator's options. */
export function validateOperator(spec: OperatorSpec = {}): import("../errors").Problem[] {
  const problems: import("../errors").Problem[] = [];
  if (spec.namespace !== undefined && (typeof spec.namespace !== "string" || spec.namespace.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(spec.namespace))) {
    problems.push({ path: "namespace", value: spec.namespace, message: "is not a valid namespace name", fix: 'Use a DNS-1123 label such as "external-secrets".' });
  }
  if (spec.chartVersion !== undefined && (typeof spec.chartVersion !== "string" || !/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(spec.chartVersion))) {
    problems.push({ path: "chartVersion", value: spec.chartVersion, message: "is not a chart version", fix: `Use a semantic version such as "${ESO_CHART.version}".` });
  }
  if (spec.values !== undefined && !isPlainObject(spec.values)) {
    problems.push({ path: "values", value: spec.values, message: "must be an object of Helm values", fix: "E.g. { replicaCount: 2 }." });
  }
  return problems;
}
