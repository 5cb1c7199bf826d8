/**
 * Parameter Store discovery against moto, through the real AWS SDK, counting requests on the wire.
 *
 * moto deviation (moto 5.2.1, checked in moto/ssm/responses.py): DescribeParameters ignores MaxResults
 * and always answers pages of 10, with a NextToken even after a full last page. The seeded moto of
 * test/support/moto.ts pages DescribeParameters as AWS does (MaxResults up to 50), so the counts below
 * are AWS's: ceil(matches/50) requests for a server-side filtered listing, never a scan of all 2,000
 * parameters. moto's DescribeParameters also omits the ARN that AWS returns in ParameterMetadata, so
 * eskit's id falls back to the name there. GetParametersByPath honours
 * MaxResults (max 10, as in AWS); moto returns a NextToken after any full page, so the counts below are
 * chosen not to be multiples of 10.
 */
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { ListSecretsOptions } from "@eskit/discovery";
import {
  describeWithMoto,
  MOTO_CREDENTIALS,
  MOTO_REGION,
  startMoto,
  startRecordingProxy,
  THROTTLING,
  type Moto,
  type RecordingProxy,
} from "../../../test/support/moto";
import { collect, expectEachExactlyOnce, pad, range } from "./support/listing";

/** Requests a DescribeParameters listing of n matches costs with 50 per page (at least one request). */
const describeRequests = (n: number) => Math.max(1, Math.ceil(n / 50));

const PROD_API = range(250, (i) => `/app/prod/api/param-${pad(i)}`);
const PROD_WEB = range(250, (i) => `/app/prod/web/param-${pad(i)}`);
const PROD_DEEP = range(203, (i) => `/app/prod/worker/jobs/param-${pad(i)}`);
const PROD = [...PROD_API, ...PROD_WEB, ...PROD_DEEP]; // 703, three levels deep
const STAGING = range(1190, (i) => `/app/staging/param-${pad(i)}`);
const PRODUCTION_LOOKALIKE = range(7, (i) => `/app/production/param-${pad(i)}`); // starts with "/app/prod", not "/app/prod/"
const OTHER = range(43, (i) => `/other/param-${pad(i)}`);
const OTHERWISE = range(7, (i) => `/otherwise/param-${pad(i)}`); // starts with "/other", not "/other/"
const FLAT = range(49, (i) => `legacy.param-${pad(i)}`); // no leading slash
const SECURE = "/app/prod/db/password";
const ALL = [...PROD, ...STAGING, ...PRODUCTION_LOOKALIKE, ...OTHER, ...OTHERWISE, ...FLAT, SECURE]; // 2,000

describeWithMoto("listSecrets on aws-parameter-store (moto)", () => {
  let moto: Moto;
  let proxy: RecordingProxy;
  const opts = (extra: Partial<ListSecretsOptions> = {}): ListSecretsOptions => ({
    provider: "aws-parameter-store",
    region: MOTO_REGION,
    endpoint: proxy.endpoint,
    credentials: MOTO_CREDENTIALS,
    backoff: { baseMs: 1, maxMs: 5 },
    ...extra,
  });
  const calls = (op: string) => proxy.requests.filter((r) => r.operation === op);

  beforeAll(async () => {
    const t0 = Date.now();
    const bulk = ALL.filter((n) => n !== SECURE);
    moto = await startMoto({ seed: { ssm: bulk.map((name) => ({ name, value: `value-of-${name}` })) } });
    const t1 = Date.now();
    const seeder = new SSMClient({ region: MOTO_REGION, endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS });
    await seeder.send(new PutParameterCommand({ Name: SECURE, Value: "hunter2", Type: "SecureString", Description: "db" }));
    seeder.destroy();
    proxy = await startRecordingProxy(moto.endpoint);
    if (process.env.ESKIT_TEST_TIMINGS) console.info(`moto start + ${bulk.length} parameters seeded: ${t1 - t0} ms`);
  });
  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });
  beforeEach(() => {
    proxy.clear();
    proxy.setFault(undefined);
  });

  test("without a prefix DescribeParameters lists all 2,000 parameters exactly once, asking for 50 per page", async () => {
    const listed = await collect(opts());
    expectEachExactlyOnce(listed, ALL);
    const describe = calls("DescribeParameters");
    expect(describe).toHaveLength(describeRequests(ALL.length)); // ceil(2000/50) = 40
    expect(describe.every((r) => r.body.MaxResults === 50 && r.body.ParameterFilters === undefined)).toBe(true);
    expect(calls("GetParametersByPath")).toHaveLength(0);
  });

  test.each([
    ["/other", [...OTHER, ...OTHERWISE]], // a name prefix, not a path: "/otherwise/*" matches too
    ["/app/staging/param-00", STAGING.filter((n) => n.startsWith("/app/staging/param-00"))],
    ["legacy.", FLAT],
  ])("prefix %p uses DescribeParameters Name BeginsWith on the server and costs one request per page of matches", async (prefix, expected) => {
    const listed = await collect(opts({ prefix }));
    expectEachExactlyOnce(listed, expected);
    const describe = calls("DescribeParameters");
    expect(describe).toHaveLength(describeRequests(expected.length));
    expect(describe.length).toBeLessThan(describeRequests(ALL.length) / 2);
    for (const r of describe) {
      expect(r.body.ParameterFilters).toEqual([{ Key: "Name", Option: "BeginsWith", Values: [prefix] }]);
      expect(r.body.MaxResults).toBe(50);
    }
  });

  test("a path prefix lists recursively with GetParametersByPath in ceil(matches/10) requests, without decryption, and keeps no values", async () => {
    const listed = await collect(opts({ prefix: "/app/prod/" }));
    expectEachExactlyOnce(listed, [...PROD, SECURE]); // three levels deep, and not /app/production/*
    const byPath = calls("GetParametersByPath");
    expect(byPath).toHaveLength(Math.ceil((PROD.length + 1) / 10));
    for (const r of byPath) {
      expect(r.body).toMatchObject({ Path: "/app/prod", Recursive: true, WithDecryption: false, MaxResults: 10 });
    }
    expect(calls("DescribeParameters")).toHaveLength(0);

    // GetParametersByPath returns values; none is kept: secrets stay secret
    const text = JSON.stringify(listed);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("value-of-");
    const secure = listed.find((s) => s.name === SECURE);
    expect(secure).toMatchObject({ type: "SecureString", version: 1 });
    expect(secure?.id).toBe(`arn:aws:ssm:us-east-1:123456789012:parameter${SECURE}`);
    expect(Object.keys(secure ?? {}).sort()).toEqual(["id", "name", "type", "updatedAt", "version"]);
  });

  test("DescribeParameters results carry type, version and description, and the ARN as id when the server returns one", async () => {
    const [p] = await collect(opts({ prefix: SECURE }));
    expect(p).toMatchObject({ name: SECURE, type: "SecureString", version: 1, description: "db" });
    expect(p.updatedAt).toBeInstanceOf(Date);
    // AWS returns ParameterMetadata.ARN; moto 5.2.1 does not, and eskit then uses the name as id
    expect(p.id).toBe(SECURE);
  });

  test("a pageSize above GetParametersByPath's maximum of 10 is lowered to 10 for a path listing", async () => {
    const listed = await collect(opts({ prefix: "/app/prod/worker/", pageSize: 50 }));
    expectEachExactlyOnce(listed, PROD_DEEP);
    expect(calls("GetParametersByPath").every((r) => r.body.MaxResults === 10)).toBe(true);
    expect(calls("GetParametersByPath")).toHaveLength(Math.ceil(203 / 10));
  });

  test("throttled path listings are retried and complete", async () => {
    proxy.setFault((r) => (r.index % 4 === 1 ? THROTTLING : undefined));
    let retries = 0;
    const listed = await collect(opts({ prefix: "/app/prod/api/", onRetry: () => retries++ }));
    expectEachExactlyOnce(listed, PROD_API);
    expect(retries).toBe(calls("GetParametersByPath").filter((r) => r.injected).length);
    expect(retries).toBeGreaterThan(5);
  });
});
