/**
 * Secrets Manager discovery against moto, through the real AWS SDK, with a proxy in front of moto that
 * counts (and sometimes refuses) the requests on the wire.
 */
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DiscoveryError, listSecrets, type ListSecretsOptions, type RetryEvent } from "@eskit/discovery";
import {
  describeWithMoto,
  inBatches,
  MOTO_CREDENTIALS,
  MOTO_REGION,
  startMoto,
  startRecordingProxy,
  THROTTLING,
  type Moto,
  type RecordingProxy,
} from "../../../test/support/moto";
import { collect, expectEachExactlyOnce, pad } from "./support/listing";

// 2,000 secrets under three prefixes, plus decoys that contain a prefix without starting with it.
// The bulk is loaded into moto's backends at start (fast); the decoys and one tagged secret are created
// through the AWS SDK, in parallel, to show that API-created secrets list the same way.
const STAGING = Array.from({ length: 650 }, (_, i) => `staging/app-${pad(i)}`);
const PROD = Array.from({ length: 850 }, (_, i) => `prod/app-${pad(i)}`);
const DEV = Array.from({ length: 480 }, (_, i) => `dev/app-${pad(i)}`);
const DECOYS = Array.from({ length: 20 }, (_, i) => `legacy-staging/app-${pad(i)}`);
const ALL = [...STAGING, ...PROD, ...DEV, ...DECOYS];

describeWithMoto("listSecrets on aws-secrets-manager (moto)", () => {
  let moto: Moto;
  let proxy: RecordingProxy;
  const opts = (extra: Partial<ListSecretsOptions> = {}): ListSecretsOptions => ({
    provider: "aws-secrets-manager",
    region: MOTO_REGION,
    endpoint: proxy.endpoint,
    credentials: MOTO_CREDENTIALS,
    backoff: { baseMs: 1, maxMs: 5 },
    ...extra,
  });
  const listCalls = () => proxy.requests.filter((r) => r.operation === "ListSecrets");

  beforeAll(async () => {
    const t0 = Date.now();
    const bulk = [...STAGING, ...PROD, ...DEV].filter((n) => n !== "prod/app-0007");
    moto = await startMoto({ seed: { secretsmanager: bulk.map((name) => ({ name, value: `value-of-${name}` })) } });
    const t1 = Date.now();
    const seeder = new SecretsManagerClient({ region: MOTO_REGION, endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS });
    await inBatches([...DECOYS, "prod/app-0007"], 8, (name) =>
      seeder.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: `value-of-${name}`,
          Description: name === "prod/app-0007" ? "the seventh" : undefined,
          Tags: name === "prod/app-0007" ? [{ Key: "team", Value: "payments" }] : undefined,
        }),
      ),
    );
    seeder.destroy();
    proxy = await startRecordingProxy(moto.endpoint);
    if (process.env.ESKIT_TEST_TIMINGS) {
      console.info(`moto start + ${bulk.length} seeded in-process: ${t1 - t0} ms; ${DECOYS.length + 1} created through the SDK: ${Date.now() - t1} ms`);
    }
  });
  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });
  beforeEach(() => {
    proxy.clear();
    proxy.setFault(undefined);
  });

  test("without a prefix it lists every secret exactly once, in ceil(2000/100) = 20 requests of MaxResults 100", async () => {
    const listed = await collect(opts());
    expectEachExactlyOnce(listed, ALL);
    expect(listCalls()).toHaveLength(20);
    for (const r of listCalls()) {
      expect(r.body.MaxResults).toBe(100);
      expect(r.body.Filters).toBeUndefined();
    }
    // every page after the first carries the token of the previous answer
    expect(listCalls()[0].body.NextToken).toBeUndefined();
    expect(listCalls().slice(1).every((r) => typeof r.body.NextToken === "string")).toBe(true);
  });

  test.each([
    ["staging/", STAGING, 7],
    ["prod/", PROD, 9],
    ["dev/", DEV, 5],
    ["prod/app-00", PROD.filter((n) => n.startsWith("prod/app-00")), 1],
  ])("prefix %p is filtered on the server: only its secrets, in ceil(matches/100) requests", async (prefix, expected, calls) => {
    const listed = await collect(opts({ prefix }));
    expectEachExactlyOnce(listed, expected);
    expect(listCalls()).toHaveLength(calls);
    expect(calls).toBe(Math.max(1, Math.ceil(expected.length / 100)));
    for (const r of listCalls()) {
      expect(r.body.Filters).toEqual([{ Key: "name", Values: [prefix] }]);
      expect(r.body.MaxResults).toBe(100);
    }
  });

  test("the name filter is a prefix match: names that merely contain the prefix are not listed", async () => {
    const listed = await collect(opts({ prefix: "staging/" }));
    expect(listed.some((s) => s.name.startsWith("legacy-staging/"))).toBe(false);
    expect(listed.every((s) => s.name.startsWith("staging/"))).toBe(true);
  });

  test("a prefix that matches nothing costs one request and yields nothing", async () => {
    expect(await collect(opts({ prefix: "nothing-here/" }))).toEqual([]);
    expect(listCalls()).toHaveLength(1);
  });

  test("each secret carries its ARN as id, its dates, description and tags, and never its value", async () => {
    const [s] = await collect(opts({ prefix: "prod/app-0007" }));
    expect(s.name).toBe("prod/app-0007");
    expect(s.id).toMatch(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:prod\/app-0007-[A-Za-z0-9]{6}$/);
    expect(s.createdAt).toBeInstanceOf(Date);
    expect(s.description).toBe("the seventh");
    expect(s.labels).toEqual({ team: "payments" });
    expect(JSON.stringify(s)).not.toContain("value-of-");
  });

  test("pageSize is sent as MaxResults and paging still reaches the end", async () => {
    const listed = await collect(opts({ prefix: "dev/", pageSize: 37 }));
    expectEachExactlyOnce(listed, DEV);
    expect(listCalls()).toHaveLength(Math.ceil(480 / 37));
    expect(listCalls().every((r) => r.body.MaxResults === 37)).toBe(true);
  });

  test("onPage reports cumulative pages and secrets after every page", async () => {
    const progress: { pages: number; listed: number }[] = [];
    await collect(opts({ prefix: "staging/", onPage: (p) => progress.push(p) }));
    expect(progress).toEqual(
      Array.from({ length: 7 }, (_, i) => ({ pages: i + 1, listed: Math.min(650, (i + 1) * 100) })),
    );
  });

  test("it is lazy: taking the first secret makes a single request", async () => {
    for await (const s of listSecrets(opts())) {
      expect(typeof s.name).toBe("string");
      break;
    }
    expect(listCalls()).toHaveLength(1);
  });

  test("throttled requests are retried with backoff and the listing completes; every retry is counted", async () => {
    let throttled = 0;
    proxy.setFault(() => (throttled++ < 3 ? THROTTLING : undefined));
    const retries: RetryEvent[] = [];
    const listed = await collect(opts({ prefix: "staging/", onRetry: (e) => retries.push(e) }));
    expectEachExactlyOnce(listed, STAGING);
    expect(retries.map((r) => [r.attempt, r.reason])).toEqual([
      [1, "throttling"],
      [2, "throttling"],
      [3, "throttling"],
    ]);
    expect(listCalls().filter((r) => r.injected)).toHaveLength(3);
    expect(listCalls().filter((r) => !r.injected)).toHaveLength(7);
  });

  test("intermittent throttling (every 3rd request) costs one retry per refusal and loses nothing", async () => {
    proxy.setFault((r) => (r.index % 3 === 2 ? THROTTLING : undefined));
    const retries: RetryEvent[] = [];
    const listed = await collect(opts({ onRetry: (e) => retries.push(e) }));
    expectEachExactlyOnce(listed, ALL);
    const refused = listCalls().filter((r) => r.injected).length;
    expect(refused).toBeGreaterThan(0);
    expect(retries).toHaveLength(refused);
    expect(listCalls().length - refused).toBe(20);
  });

  test("throttling that persists mid-way throws a DiscoveryError saying how many secrets were listed", async () => {
    proxy.setFault((r) => (r.index >= 3 ? THROTTLING : undefined));
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const s of listSecrets(opts({ maxAttempts: 4 }))) seen.push(s.name);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DiscoveryError);
    expect((error as DiscoveryError).listed).toBe(300);
    expect(seen).toHaveLength(300);
    expect((error as Error).message).toMatch(/stopped after 300 secrets .*gave up after 4 attempts: ThrottlingException: Rate exceeded/);
    expect(listCalls()).toHaveLength(3 + 4);
  });

  test("a non-retryable error mid-way is not retried and surfaces at once as a DiscoveryError", async () => {
    proxy.setFault((r) =>
      r.index === 2 ? { status: 400, type: "AccessDeniedException", message: "not authorized to perform: secretsmanager:ListSecrets" } : undefined,
    );
    const retries: RetryEvent[] = [];
    const error = await collect(opts({ onRetry: (e) => retries.push(e) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscoveryError);
    expect((error as DiscoveryError).listed).toBe(200);
    expect((error as Error).message).toContain("stopped after 200 secrets");
    expect((error as Error).message).toContain("AccessDeniedException");
    expect(retries).toHaveLength(0);
    expect(listCalls()).toHaveLength(3);
  });
});
