/** Minimal Kubernetes object shapes eskit emits (plain JSON; renderers add nothing to them). */

/** Object metadata. */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Any Kubernetes object. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

/** A container env entry fed from a Secret key. */
export interface EnvVarFromSecret {
  readonly name: string;
  readonly valueFrom: { readonly secretKeyRef: { readonly name: string; readonly key: string } };
}

/** A container envFrom entry exposing a whole Secret. */
export interface EnvFromSecret {
  readonly secretRef: { readonly name: string };
}

/** Labels eskit puts on everything it emits. */
export function eskitLabels(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { "app.kubernetes.io/managed-by": "eskit", ...extra };
}
