/** Option validation, filter builders and the retry policy: no network. */
import fc from "fast-check";
import {
  backoffDelay,
  DiscoveryOptionsError,
  gcpFilter,
  gcpParent,
  listSecrets,
  matchesGcpPrefix,
  parameterStorePlan,
  retryReason,
  secretsManagerFilters,
  RetriesExhaustedError,
  type ListSecretsOptions,
} from "@eskit/discovery";
import { gcpEndpointOptions } from "../src/gcp";
import { withRetry } from "../src/retry";

function rejection(opts: unknown): DiscoveryOptionsError {
  try {
    listSecrets(opts as ListSecretsOptions);
  } catch (e) {
    expect(e).toBeInstanceOf(DiscoveryOptionsError);
    return e as DiscoveryOptionsError;
  }
  throw new Error("listSecrets accepted the options");
}

describe("options are validated when listSecrets is called, before any request", () => {
  test.each([
    [{ provider: "azure-key-vault" }, "provider", /provider "azure-key-vault" is not one of aws-secrets-manager, aws-parameter-store, gcp-secret-manager/],
    [{ provider: "aws-secrets-manager" }, "region", /region \(missing\) is required for provider "aws-secrets-manager"/],
    [{ provider: "aws-parameter-store", region: "Frankfurt" }, "region", /region "Frankfurt" is not an AWS region/],
    [{ provider: "gcp-secret-manager" }, "project", /project \(missing\) is required for provider "gcp-secret-manager"/],
    [{ provider: "gcp-secret-manager", project: "My Project" }, "project", /project "My Project" is not a GCP project id/],
    [{ provider: "gcp-secret-manager", project: "my-project", region: "us-east-1" }, "region", /applies to AWS providers/],
    [{ provider: "aws-secrets-manager", region: "us-east-1", project: "p-123456" }, "project", /applies to gcp-secret-manager/],
    [{ provider: "gcp-secret-manager", project: "my-project", location: "Europe" }, "location", /location "Europe" is not a GCP location/],
    [{ provider: "gcp-secret-manager", project: "my-project", prefix: "app/prod" }, "prefix", /cannot match a GCP secret id/],
    [{ provider: "aws-secrets-manager", region: "us-east-1", prefix: "!prod" }, "prefix", /negation/],
    [{ provider: "aws-secrets-manager", region: "us-east-1", pageSize: 101 }, "pageSize", /pageSize 101 must be an integer from 1 to 100/],
    [{ provider: "aws-parameter-store", region: "us-east-1", pageSize: 51 }, "pageSize", /from 1 to 50/],
    [{ provider: "gcp-secret-manager", project: "my-project", pageSize: 0 }, "pageSize", /from 1 to 25000/],
    [{ provider: "aws-secrets-manager", region: "us-east-1", maxAttempts: 0 }, "maxAttempts", /maxAttempts 0/],
    [{ provider: "aws-secrets-manager", region: "us-east-1", endpoint: "localhost:5000" }, "endpoint", /must be an http\(s\) URL/],
  ])("%j is rejected on %s", (opts, field, message) => {
    const e = rejection(opts);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  test("malformed AWS credentials are rejected without echoing them", () => {
    const e = rejection({ provider: "aws-secrets-manager", region: "us-east-1", credentials: { accessKeyId: "AKIA", secret: "s3cr3t-value" } });
    expect(e.field).toBe("credentials");
    expect(e.message).not.toContain("s3cr3t-value");
  });

  test("valid options return a lazy iterable without making any request", () => {
    const it = listSecrets({ provider: "aws-secrets-manager", region: "eu-west-3", endpoint: "http://127.0.0.1:1" });
    expect(typeof it[Symbol.asyncIterator]).toBe("function");
  });
});

describe("server-side filters", () => {
  test("Secrets Manager: a prefix becomes the name filter, no prefix no filter", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !s.startsWith("!")), (prefix) => {
        expect(secretsManagerFilters(prefix)).toEqual([{ Key: "name", Values: [prefix] }]);
      }),
    );
    expect(secretsManagerFilters(undefined)).toBeUndefined();
    expect(secretsManagerFilters("")).toBeUndefined();
  });

  const segment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);

  test("Parameter Store: a path ending in / is listed by path (without its trailing slash), anything else with BeginsWith", () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.boolean(), (segments, trailing) => {
        const prefix = `/${segments.join("/")}${trailing ? "/" : ""}`;
        const plan = parameterStorePlan(prefix);
        if (trailing) expect(plan).toEqual({ kind: "by-path", path: `/${segments.join("/")}` });
        else expect(plan).toEqual({ kind: "describe", filters: [{ Key: "Name", Option: "BeginsWith", Values: [prefix] }] });
      }),
    );
    expect(parameterStorePlan("app/prod/")).toEqual({ kind: "describe", filters: [{ Key: "Name", Option: "BeginsWith", Values: ["app/prod/"] }] });
    expect(parameterStorePlan("/")).toEqual({ kind: "by-path", path: "/" });
    expect(parameterStorePlan(undefined)).toEqual({ kind: "describe" });
  });

  test("GCP: the name: filter returns a superset (contains), and narrowing keeps exactly the ids that start with the prefix", () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{0,20}$/);
    fc.assert(
      fc.property(fc.array(id), id, (ids, prefix) => {
        const serverSide = ids.filter((x) => !prefix || x.includes(prefix)); // what `name:PREFIX` can return
        expect(serverSide.filter((x) => matchesGcpPrefix(x, prefix))).toEqual(ids.filter((x) => x.startsWith(prefix)));
      }),
    );
    expect(gcpFilter("staging-")).toBe("name:staging-");
    expect(gcpFilter(undefined)).toBeUndefined();
  });

  test("GCP: global and regional parents and endpoints", () => {
    expect(gcpParent("p-1")).toBe("projects/p-1");
    expect(gcpParent("p-1", "europe-west4")).toBe("projects/p-1/locations/europe-west4");
    expect(gcpEndpointOptions(undefined, undefined)).toEqual({});
    expect(gcpEndpointOptions(undefined, "europe-west4")).toEqual({ apiEndpoint: "secretmanager.europe-west4.rep.googleapis.com" });
    expect(gcpEndpointOptions("127.0.0.1:8085", "europe-west4")).toEqual({ apiEndpoint: "127.0.0.1", port: 8085 });
    expect(gcpEndpointOptions("https://sm.example.test", undefined)).toEqual({ apiEndpoint: "sm.example.test" });
  });
});

describe("retries", () => {
  test.each([
    [{ name: "ThrottlingException" }, "throttling"],
    [{ name: "TooManyRequestsException" }, "throttling"],
    [{ name: "Whatever", $metadata: { httpStatusCode: 429 } }, "throttling"],
    [{ code: 8 }, "throttling"], // gRPC RESOURCE_EXHAUSTED
    [{ code: 14 }, "transient"], // gRPC UNAVAILABLE
    [{ name: "InternalServiceError", $metadata: { httpStatusCode: 500 } }, "transient"],
    [{ code: "ECONNRESET" }, "transient"],
    [{ name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }, undefined],
    [{ code: 7 }, undefined], // PERMISSION_DENIED
  ])("%j is retried as %p", (error, reason) => {
    expect(retryReason(error)).toBe(reason);
  });

  test("backoff is full jitter under an exponential ceiling capped at maxMs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const d = backoffDelay(attempt, 100, 5000, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(5000, 100 * 2 ** (attempt - 1)));
      }),
    );
  });

  test("withRetry gives up after maxAttempts attempts and says so", async () => {
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
      },
      { maxAttempts: 3, baseMs: 0, maxMs: 0 },
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toBe("gave up after 3 attempts: ThrottlingException: Rate exceeded");
  });

  test("an abort during backoff stops waiting at once", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const p = withRetry(() => Promise.reject(Object.assign(new Error("x"), { name: "ThrottlingException" })), {
      maxAttempts: 5,
      baseMs: 60_000,
      maxMs: 60_000,
      signal: controller.signal,
      onRetry: () => setTimeout(() => controller.abort(), 10),
    });
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
