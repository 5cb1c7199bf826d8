/** The retry loop around each page call: exponential backoff with full jitter on throttling and transient errors. */
import { describeError } from "./errors";
import type { RetryEvent } from "./types";

/** Default number of attempts per page call. */
export const DEFAULT_MAX_ATTEMPTS = 8;
/** Default backoff base, in milliseconds. */
export const DEFAULT_BACKOFF_BASE_MS = 200;
/** Default backoff cap, in milliseconds. */
export const DEFAULT_BACKOFF_MAX_MS = 20_000;

const THROTTLING_NAMES = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "ThrottledException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
]);
const TRANSIENT_NETWORK_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ECONNABORTED"]);
/** gRPC status codes. */
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
  $fault?: unknown;
}

/** Why an error is worth retrying, or `undefined` when it is not. */
export function retryReason(error: unknown): RetryEvent["reason"] | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as ErrorShape;
  const status = e.$metadata?.httpStatusCode;
  if ((typeof e.name === "string" && THROTTLING_NAMES.has(e.name)) || status === 429 || e.$retryable?.throttling) {
    return "throttling";
  }
  if (e.code === GRPC_RESOURCE_EXHAUSTED) return "throttling";
  if (e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED) return "transient";
  if (typeof e.code === "string" && TRANSIENT_NETWORK_CODES.has(e.code)) return "transient";
  if (e.name === "TimeoutError") return "transient";
  if (typeof status === "number" && status >= 500) return "transient";
  return undefined;
}

/** Backoff before attempt `attempt + 1`: a uniform draw in `[0, min(maxMs, baseMs * 2^(attempt-1))]` ("full jitter"). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** A page call that kept failing with retryable errors until the attempts ran out. */
export class RetriesExhaustedError extends Error {
  override readonly name = "RetriesExhaustedError";
  /** Attempts made. */
  readonly attempts: number;

  /** `cause` is the error of the last attempt. */
  constructor(attempts: number, cause: unknown) {
    super(`gave up after ${attempts} attempts: ${describeError(cause)}`, { cause });
    this.attempts = attempts;
  }
}

/** Settings of {@link withRetry}. */
export interface RetrySettings {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
  readonly signal?: AbortSignal;
  readonly onRetry?: (event: RetryEvent) => void;
}

/** Runs `call` until it succeeds, retrying throttling and transient errors up to `maxAttempts` attempts in all. */
export async function withRetry<T>(call: () => Promise<T>, settings: RetrySettings): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    settings.signal?.throwIfAborted();
    try {
      return await call();
    } catch (error) {
      const reason = retryReason(error);
      if (!reason || settings.signal?.aborted) throw error;
      if (attempt >= settings.maxAttempts) throw new RetriesExhaustedError(attempt, error);
      const delayMs = backoffDelay(attempt, settings.baseMs, settings.maxMs);
      settings.onRetry?.({ attempt, delayMs, reason, error });
      await sleep(delayMs, settings.signal);
    }
  }
}

/** Resolves after `ms`, or rejects with the abort reason when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
