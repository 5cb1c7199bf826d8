/** Errors thrown by discovery. */
import type { ProviderId } from "@eskit/core";

/** A listing that stopped before its end. Never a silent truncation: it says how many secrets came before. */
export class DiscoveryError extends Error {
  override readonly name = "DiscoveryError";
  /** Secrets yielded before the failure. */
  readonly listed: number;
  /** Pages received before the failure. */
  readonly pages: number;
  /** The provider being listed. */
  readonly provider: ProviderId;

  /** Wraps `cause`, the error that stopped the listing. */
  constructor(provider: ProviderId, listed: number, pages: number, cause: unknown) {
    super(`listing ${provider} stopped after ${listed} secrets (${pages} pages): ${describeError(cause)}`, { cause });
    this.listed = listed;
    this.pages = pages;
    this.provider = provider;
  }
}

/** Options that cannot work, rejected before any request. */
export class DiscoveryOptionsError extends Error {
  override readonly name = "DiscoveryOptionsError";
  /** The offending option. */
  readonly field: string;
  /** Its value. */
  readonly value: unknown;

  /** `problem` completes "listSecrets: <field> <value> ...". */
  constructor(field: string, value: unknown, problem: string) {
    super(`listSecrets: ${field} ${quote(value)} ${problem}`);
    this.field = field;
    this.value = value;
  }
}

/** `"x"` for strings, JSON-ish for the rest, `(missing)` for undefined. */
export function quote(value: unknown): string {
  if (value === undefined) return "(missing)";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A one-line description of an error: its name/code and message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const name = error.name && error.name !== "Error" ? error.name : "";
    const code = (error as { code?: unknown }).code;
    const label = name || (code !== undefined ? String(code) : "Error");
    return error.message && !error.message.startsWith(label) ? `${label}: ${error.message}` : error.message || label;
  }
  return String(error);
}
