/**
 * Test support: validators for the objects eskit emits, compiled from the upstream External Secrets
 * Operator CRDs and the chart's values.schema.json in the shared ESO directory (never copied into the
 * repo). When the directory is absent, suites declared with `describeWithEso` are skipped with a
 * visible warning.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import standaloneCode from "ajv/dist/standalone";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";

/** Directory holding `crds/*.yaml` and `values.schema.json` of the pinned ESO chart. */
export const ESO_DIR = process.env.ESKIT_ESO_DIR ?? path.resolve(__dirname, "../../../shared/eso");

/** True when the ESO directory (CRDs and values schema) is present. */
export const esoSchemasAvailable = fs.existsSync(path.join(ESO_DIR, "crds")) && fs.existsSync(path.join(ESO_DIR, "values.schema.json"));

/** CRD file of each ESO kind eskit may emit. */
const CRD_FILES: Readonly<Record<string, string>> = {
  ClusterSecretStore: "external-secrets.io_clustersecretstores.yaml",
  SecretStore: "external-secrets.io_secretstores.yaml",
  ExternalSecret: "external-secrets.io_externalsecrets.yaml",
  ClusterExternalSecret: "external-secrets.io_clusterexternalsecrets.yaml",
  PushSecret: "external-secrets.io_pushsecrets.yaml",
};

/** Formats the CRDs and the values schema use; Kubernetes checks them loosely, so do we. */
const FORMATS = ["int32", "int64", "byte", "date-time", "duration", "uri", "email", "hostname", "ipv4", "ipv6", "uuid", "date", "time", "password"];

function withFormats<T extends Ajv>(ajv: T): T {
  for (const f of FORMATS) ajv.addFormat(f, true);
  return ajv;
}

/**
 * Kubernetes prunes fields a structural schema does not declare: the object is accepted, the field is
 * silently lost (a typo such as `externalId` for `externalID` would vanish). Closing every object schema
 * that lists its properties (unless it preserves unknown fields) turns such a loss into an error.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === "properties" && isRecord(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, closeObjects(s)])) : closeObjects(v);
  if (isRecord(schema.properties) && schema.additionalProperties === undefined && schema["x-kubernetes-preserve-unknown-fields"] !== true) out.additionalProperties = false;
  return out;
}

const validators = new Map<string, ValidateFunction>();

/**
 * Compiling a 690 KB CRD schema costs seconds, and every jest worker would pay it again. The
 * compiled validator is therefore written once as standalone ajv code under node_modules/.cache,
 * keyed by a hash of the CRD file, this module's schema transform and the ajv version.
 */
const CACHE_DIR = path.resolve(__dirname, "../../node_modules/.cache/eskit-eso-validators");
const TRANSFORM_ID = crypto.createHash("sha256").update(closeObjects.toString()).update(FORMATS.join()).digest("hex").slice(0, 12);

function compileCached(file: string, version: string): ValidateFunction {
  const text = fs.readFileSync(path.join(ESO_DIR, "crds", file), "utf8");
  const ajvVersion = (JSON.parse(fs.readFileSync(require.resolve("ajv/package.json"), "utf8")) as { version: string }).version;
  const key = crypto.createHash("sha256").update(text).update(version).update(TRANSFORM_ID).update(ajvVersion).digest("hex").slice(0, 24);
  const cached = path.join(CACHE_DIR, `${key}.js`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the generated validator module
  if (fs.existsSync(cached)) return require(cached) as ValidateFunction;
  const crd = parse(text) as { spec: { versions: CrdVersion[] } };
  const schema = crd.spec.versions.find((v) => v.name === version)?.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`${file} has no openAPIV3Schema for version ${version}`);
  const ajv = withFormats(new Ajv({ strict: false, allErrors: true, code: { source: true } }));
  const validate = ajv.compile(closeObjects(schema) as object);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, standaloneCode(ajv, validate));
    fs.renameSync(tmp, cached); // atomic: parallel workers never read a half-written file
  } catch {
    // A read-only checkout still validates; it only pays the compile each time.
  }
  return validate;
}

interface CrdVersion {
  readonly name: string;
  readonly schema?: { readonly openAPIV3Schema?: object };
}

/** The compiled validator of `kind` at `version` (cached), or undefined when eskit has no CRD for the kind. */
export function esoValidator(kind: string, version = "v1"): ValidateFunction | undefined {
  const cacheKey = `${kind}/${version}`;
  const cached = validators.get(cacheKey);
  if (cached) return cached;
  const file = CRD_FILES[kind];
  if (!file) return undefined;
  const validate = compileCached(file, version);
  validators.set(cacheKey, validate);
  return validate;
}

/** A validation error in the shape tests print: where and what. */
export interface SchemaError {
  /** JSON pointer of the offending value (ajv `instancePath`), or the metadata field. */
  readonly instancePath: string;
  /** What is wrong. */
  readonly message: string;
  /** The ajv error, when it came from a schema. */
  readonly ajv?: ErrorObject;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural checks Kubernetes itself applies to names: what the API server would reject. */
function metadataErrors(obj: Record<string, unknown>, nameRule: "label" | "subdomain", namespaced: boolean): SchemaError[] {
  const errors: SchemaError[] = [];
  const meta = obj.metadata;
  if (!isRecord(meta)) return [{ instancePath: "/metadata", message: "must be an object" }];
  const name = meta.name;
  const ok = typeof name === "string" && (nameRule === "label" ? name.length <= 63 && DNS1123_LABEL.test(name) : name.length <= 253 && DNS1123_SUBDOMAIN.test(name));
  if (!ok) errors.push({ instancePath: "/metadata/name", message: `must be a DNS-1123 ${nameRule} (got ${JSON.stringify(name)})` });
  if (namespaced) {
    const ns = meta.namespace;
    if (typeof ns !== "string" || ns.length > 63 || !DNS1123_LABEL.test(ns)) errors.push({ instancePath: "/metadata/namespace", message: `must be a DNS-1123 label (got ${JSON.stringify(ns)})` });
  } else if (meta.namespace !== undefined) {
    errors.push({ instancePath: "/metadata/namespace", message: "a cluster-scoped object has no namespace" });
  }
  for (const field of ["labels", "annotations"] as const) {
    const map = meta[field];
    if (map === undefined) continue;
    if (!isRecord(map) || Object.values(map).some((v) => typeof v !== "string")) errors.push({ instancePath: `/metadata/${field}`, message: "must map strings to strings" });
  }
  return errors;
}

/** Structural validation of the core kinds eskit emits (no CRD for them): ServiceAccount and Secret. */
function coreKindErrors(obj: Record<string, unknown>): SchemaError[] {
  if (obj.apiVersion !== "v1") return [{ instancePath: "/apiVersion", message: `must be "v1" for ${String(obj.kind)}` }];
  const errors = metadataErrors(obj, "subdomain", true);
  if (obj.kind === "Secret") {
    for (const field of ["data", "stringData"] as const) {
      const map = obj[field];
      if (map === undefined) continue;
      if (!isRecord(map)) {
        errors.push({ instancePath: `/${field}`, message: "must be an object" });
        continue;
      }
      for (const [k, v] of Object.entries(map)) {
        if (!SECRET_KEY.test(k)) errors.push({ instancePath: `/${field}/${k}`, message: "is not a valid Secret key" });
        if (typeof v !== "string") errors.push({ instancePath: `/${field}/${k}`, message: "must be a string" });
      }
    }
    if (obj.type !== undefined && typeof obj.type !== "string") errors.push({ instancePath: "/type", message: "must be a string" });
  }
  return errors;
}

/**
 * Every error of an emitted object: ESO kinds against their CRD's v1 schema, where a field the CRD does
 * not declare is an error (the API server would prune it), plus the name rules the API server applies, ServiceAccount/Secret structurally. Returns [] when valid; throws for a kind it
 * cannot check (so a test never passes by accident).
 */
export function validateEsoObject(obj: unknown): SchemaError[] {
  if (!isRecord(obj)) return [{ instancePath: "", message: "must be an object" }];
  const kind = String(obj.kind);
  if (kind === "ServiceAccount" || kind === "Secret") return coreKindErrors(obj);
  const [group, version] = String(obj.apiVersion).split("/");
  if (group !== "external-secrets.io" || !version) return [{ instancePath: "/apiVersion", message: `is not an external-secrets.io version (got ${JSON.stringify(obj.apiVersion)})` }];
  const validate = esoValidator(kind, version);
  if (!validate) throw new Error(`validateEsoObject: no CRD known for kind ${kind}`);
  const errors: SchemaError[] = [];
  if (!validate(obj)) errors.push(...(validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, message: e.message ?? e.keyword, ajv: e })));
  const clusterScoped = kind.startsWith("Cluster");
  errors.push(...metadataErrors(obj, "subdomain", !clusterScoped));
  return errors;
}

let valuesValidator: ValidateFunction | undefined;

/** Every error of Helm values against the chart's values.schema.json (draft 2020-12); [] when valid. */
export function validateHelmValues(values: unknown): SchemaError[] {
  if (!valuesValidator) {
    const schema = JSON.parse(fs.readFileSync(path.join(ESO_DIR, "values.schema.json"), "utf8")) as Record<string, unknown>;
    valuesValidator = withFormats(new Ajv2020({ strict: false, allErrors: true })).compile(schema);
  }
  if (valuesValidator(values)) return [];
  return (valuesValidator.errors ?? []).map((e) => ({ instancePath: e.instancePath, message: e.message ?? e.keyword, ajv: e }));
}

/** Renders errors one per line, for assertion messages. */
export function formatSchemaErrors(errors: readonly SchemaError[]): string {
  return errors.map((e) => `${e.instancePath || "(root)"}: ${e.message}${e.ajv?.params ? ` ${JSON.stringify(e.ajv.params)}` : ""}`).join("\n");
}

/** `describe` when the ESO schemas are present; otherwise `describe.skip`, with a warning saying why. */
export function describeWithEso(name: string, fn: () => void): void {
  if (esoSchemasAvailable) {
    describe(name, fn);
  } else {
    console.warn(`SKIPPED "${name}": the ESO CRDs and values schema are not at ${ESO_DIR}; set ESKIT_ESO_DIR to the directory holding crds/ and values.schema.json`);
    describe.skip(`${name} [skipped: ESO schemas not found at ${ESO_DIR}]`, fn);
  }
}
