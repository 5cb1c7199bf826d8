/** Restriction patterns: which secret names an access may read, checked per provider. */
import type { Problem } from "./errors";
import type { ProviderId } from "./providers";

/** The pattern that explicitly means "every secret" (equivalent to no restriction). */
export const ALL_SECRETS = "*";

interface PatternRule {
  readonly chars: RegExp;
  readonly allowed: string;
  readonly maxLength: number;
}

const RULES: Record<ProviderId, PatternRule> = {
  "aws-secrets-manager": { chars: /^[A-Za-z0-9/_+=.@*?-]+$/, allowed: "letters, digits, /_+=.@- and the wildcards * and ?", maxLength: 512 },
  "aws-parameter-store": { chars: /^[A-Za-z0-9/_.*?-]+$/, allowed: "letters, digits, /_.- and the wildcards * and ?", maxLength: 1011 },
  "gcp-secret-manager": { chars: /^[A-Za-z0-9_*-]+$/, allowed: "letters, digits, _ and -, with an optional trailing *", maxLength: 255 },
};

/** Every problem with the restriction patterns of an access (field `restrictTo`). */
export function validateRestriction(provider: ProviderId, patterns: readonly unknown[] | undefined, path = "restrictTo"): Problem[] {
  if (patterns === undefined) return [];
  const problems: Problem[] = [];
  if (!Array.isArray(patterns)) {
    return [{ path, value: patterns, message: "must be a list of name patterns", fix: 'Use e.g. ["staging/*"], or omit it for every secret.' }];
  }
  if (patterns.length === 0) {
    problems.push({
      path,
      value: patterns,
      message: "an empty restriction would grant nothing",
      fix: 'List name patterns such as ["staging/*"], or omit restrictTo (or use ["*"]) to allow every secret.',
    });
  }
  const rule = RULES[provider];
  const seen = new Set<string>();
  patterns.forEach((pattern, i) => {
    const at = `${path}[${i}]`;
    if (typeof pattern !== "string" || pattern.trim() === "") {
      problems.push({ path: at, value: pattern, message: "must be a non-empty name pattern", fix: 'Use e.g. "staging/*" or an exact secret name.' });
      return;
    }
    if (seen.has(pattern)) {
      problems.push({ path: at, value: pattern, message: "is listed twice", fix: "Remove the duplicate." });
    }
    seen.add(pattern);
    if (pattern === ALL_SECRETS) {
      if (patterns.length > 1) {
        problems.push({
          path: at,
          value: pattern,
          message: '"*" allows every secret, which makes the other patterns meaningless',
          fix: 'Use ["*"] alone to allow every secret, or remove "*" to keep the restriction.',
        });
      }
      return;
    }
    if (pattern.length > rule.maxLength || !rule.chars.test(pattern)) {
      problems.push({ path: at, value: pattern, message: `has characters a ${provider} name cannot contain`, fix: `Use ${rule.allowed}.` });
      return;
    }
    if (/^[*?]+$/.test(pattern)) {
      problems.push({ path: at, value: pattern, message: "matches every secret without saying so", fix: 'Use "*" alone for every secret, or a prefix such as "staging*".' });
    }
    if (provider === "gcp-secret-manager" && pattern.slice(0, -1).includes("*")) {
      problems.push({
        path: at,
        value: pattern,
        message: "GCP IAM conditions can only match a prefix",
        fix: 'Put the single "*" at the end (e.g. "staging-*"), or use an exact secret id.',
      });
    }
    if (provider === "aws-parameter-store" && pattern.includes("/") && !pattern.startsWith("/")) {
      problems.push({
        path: at,
        value: pattern,
        message: "hierarchical parameter names start with /",
        fix: `Use "/${pattern}".`,
      });
    }
  });
  return problems;
}

/** True when the restriction allows every secret (`undefined` or `["*"]`). */
export function isUnrestricted(patterns: readonly string[] | undefined): boolean {
  return patterns === undefined || (patterns.length === 1 && patterns[0] === ALL_SECRETS);
}

/** IAM-style wildcard match: `*` matches any run of characters (including "/"), `?` one character. */
export function wildcardMatch(pattern: string, text: string): boolean {
  // Iterative glob with backtracking on the last star: linear in practice, no regex building.
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === "?" || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

/**
 * The secret name a binding key refers to: ARNs and resource names are reduced to the name the
 * restriction patterns speak of (Secrets Manager ARNs lose their 6-character suffix).
 */
export function secretNameOfKey(provider: ProviderId, key: string): string {
  if (provider === "aws-secrets-manager" && key.startsWith("arn:")) {
    const name = key.split(":secret:")[1] ?? key;
    return name.replace(/-[A-Za-z0-9]{6}$/, "");
  }
  if (provider === "aws-parameter-store" && key.startsWith("arn:")) {
    const name = key.split(":parameter")[1] ?? key;
    return name.startsWith("/") && name.slice(1).includes("/") ? name : name.replace(/^\//, "");
  }
  if (provider === "gcp-secret-manager") {
    const m = /(?:^|\/)secrets\/([^/]+)/.exec(key);
    if (m) return m[1];
  }
  return key;
}

/** True when the secret `key` falls inside the restriction `patterns` of a provider. */
export function keyInsideRestriction(provider: ProviderId, patterns: readonly string[] | undefined, key: string): boolean {
  if (isUnrestricted(patterns)) return true;
  const name = secretNameOfKey(provider, key);
  return (patterns ?? []).some((pattern) => {
    if (provider === "gcp-secret-manager") {
      return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
    }
    if (provider === "aws-parameter-store") {
      // IAM parameter ARNs drop the leading slash: "/a/b" and "a/b" address the same ARN.
      return wildcardMatch(pattern.replace(/^\//, ""), name.replace(/^\//, ""));
    }
    return wildcardMatch(pattern, name);
  });
}
