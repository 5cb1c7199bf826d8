/** Kubernetes names derived from user input: always valid, stable across runs, distinct for distinct inputs. */
import { DNS1123_LABEL } from "./validation/syntax";

/** Default namespace of the operator and of the access objects. */
export const DEFAULT_NAMESPACE = "external-secrets";

/** 64-bit FNV-1a of a string, as 16 hex characters (pure, no platform crypto needed). */
export function stableHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

/**
 * A DNS-1123 label made of `parts` joined by "-". When the joined text is already a valid label
 * within `maxLength`, it is used as is; otherwise it is lowercased, cleaned, shortened, and given a
 * 10-character hash of the original text, so distinct inputs keep distinct names.
 */
export function kubeName(parts: readonly string[], maxLength = 63): string {
  const raw = parts.join("-");
  if (raw.length <= maxLength && DNS1123_LABEL.test(raw)) return raw;
  const hash = stableHash(raw).slice(0, 10);
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+/, "");
  const room = Math.max(0, maxLength - hash.length - 1);
  const head = cleaned.slice(0, room).replace(/-+$/, "");
  return head ? `${head}-${hash}` : hash.replace(/^[^a-z0-9]/, "x");
}
