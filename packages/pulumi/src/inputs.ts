/** Small helpers shared by the components: telling known values from later ones, and raising eskit errors. */
import * as pulumi from "@pulumi/pulumi";
import { EskitError } from "@eskit/core";

/** True when `value` is only known later (a Pulumi `Output` or a promise), so it is validated once resolved. */
export function isLater(value: unknown): value is pulumi.Output<unknown> | Promise<unknown> {
  return pulumi.Output.isInstance(value) || (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function");
}

/**
 * Runs `fn`, turning an `EskitError` into a `pulumi.ResourceError` with the same message (stack hidden:
 * the message already says what to fix). Other errors pass through.
 */
export function raising<T>(fn: () => T, resource?: pulumi.Resource): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EskitError) throw new pulumi.ResourceError(error.message, resource, true);
    throw error;
  }
}

/** An `EskitError` about `subject` raised as a `pulumi.ResourceError`. */
export function resourceError(subject: string, problems: EskitError["problems"], resource?: pulumi.Resource): pulumi.ResourceError {
  return new pulumi.ResourceError(new EskitError(subject, problems).message, resource, true);
}

/**
 * Loads a module of an optional peer (`@pulumi/aws`, `@pulumi/gcp`) when a mode needs it, so a program
 * that uses only one cloud does not need the other's package installed.
 */
export function peer<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id) as T;
}
