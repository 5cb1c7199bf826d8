/** Turning Pulumi's wire values into plain JSON, with every secret replaced by "[secret]". */
import { REDACTED } from "@eskit/core";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Shown for a value only known after deployment. */
export const UNKNOWN_VALUE = "(known after deploy)";

/** Plain JSON data. */
export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/**
 * Converts a serialized Pulumi property (as the resource monitor receives it) to plain JSON: secrets
 * become "[secret]", resource references their URN, unknowns "(known after deploy)", assets a label.
 */
export function toPlain(value: unknown): Plain {
  if (value === undefined || value === null) return null;
  if (value === UNKNOWN) return UNKNOWN_VALUE;
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    switch (obj[SIG]) {
      case SECRET_SIG:
        return redactLeaves(toPlain(obj.value));
      case RESOURCE_SIG:
        return String(obj.urn ?? "");
      case OUTPUT_SIG:
        return obj.secret === true ? REDACTED : "value" in obj ? toPlain(obj.value) : UNKNOWN_VALUE;
      case ASSET_SIG:
        return `(asset ${String(obj.path ?? obj.uri ?? "text")})`;
      case ARCHIVE_SIG:
        return `(archive ${String(obj.path ?? obj.uri ?? "assets")})`;
    }
    const out: Record<string, Plain> = {};
    for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = toPlain(v);
    return out;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  return String(value);
}

/** Keeps the shape of a secret value (object keys, list lengths) and replaces every leaf with "[secret]". */
export function redactLeaves(value: Plain): Plain {
  if (Array.isArray(value)) return value.map(redactLeaves);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactLeaves(v)]));
  return REDACTED;
}

/** Resource types whose listed input fields always hold secrets, whatever the program marked. */
const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "kubernetes:core/v1:Secret": ["data", "stringData"],
  "aws:iam/accessKey:AccessKey": ["secret", "sesSmtpPasswordV4"],
  "aws:iam/userLoginProfile:UserLoginProfile": ["password"],
  "gcp:serviceaccount/key:Key": ["privateKey"],
  "gcp:serviceAccount/key:Key": ["privateKey"],
  "aws:ssm/parameter:Parameter": ["value", "insecureValue"],
  "aws:secretsmanager/secretVersion:SecretVersion": ["secretString", "secretBinary"],
};

/** Redacts the fields of `inputs` that always hold secrets for `type` (maps keep their keys, values go). */
export function redactKnownSecrets(type: string, inputs: Record<string, Plain>): Record<string, Plain> {
  const fields = SECRET_FIELDS[type];
  if (!fields) return inputs;
  const out = { ...inputs };
  for (const f of fields) {
    const v = out[f];
    if (v === undefined || v === null) continue;
    out[f] = redactLeaves(v);
  }
  return out;
}
