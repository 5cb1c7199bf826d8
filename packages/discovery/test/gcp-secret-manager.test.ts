/** GCP Secret Manager discovery through the official client, against a local gRPC server built from its protos. */
import * as grpc from "@grpc/grpc-js";
import { DiscoveryError, type ListSecretsOptions } from "@eskit/discovery";
import { startFakeSecretManager, type FakeSecretManager } from "./support/fake-gcp";
import { collect, expectEachExactlyOnce, pad, range } from "./support/listing";

const PROJECT = "eskit-test";
const STAGING = range(1234, (i) => `staging-app-${pad(i)}`);
const PROD = range(900, (i) => `prod-app-${pad(i)}`);
// contain "staging-" without starting with it: GCP's `name:` filter returns them, eskit must not
const CONTAINS_STAGING = range(15, (i) => `old-staging-app-${pad(i)}`);
const ALL = [...STAGING, ...PROD, ...CONTAINS_STAGING];
const REGIONAL = range(321, (i) => `eu-app-${pad(i)}`);

describe("listSecrets on gcp-secret-manager (local gRPC server)", () => {
  let fake: FakeSecretManager;
  const opts = (extra: Partial<ListSecretsOptions> = {}): ListSecretsOptions => ({
    provider: "gcp-secret-manager",
    project: PROJECT,
    endpoint: fake.endpoint,
    // universeDomain set: google-auth then skips probing the GCE metadata server for one
    credentials: { sslCreds: grpc.credentials.createInsecure(), universeDomain: "googleapis.com" },
    backoff: { baseMs: 1, maxMs: 5 },
    ...extra,
  });

  beforeAll(async () => {
    fake = await startFakeSecretManager();
    fake.addSecrets(`projects/${PROJECT}`, ALL);
    fake.addSecrets(`projects/${PROJECT}`, ["labelled"], { team: "payments" });
    fake.addSecrets(`projects/${PROJECT}/locations/europe-west4`, REGIONAL);
  });
  afterAll(async () => {
    await fake?.stop();
  });
  beforeEach(() => {
    fake.clear();
    fake.setFault(undefined);
  });

  test("without a prefix it lists every secret exactly once, following page tokens, 1000 per page", async () => {
    const listed = await collect(opts());
    expectEachExactlyOnce(listed, [...ALL, "labelled"]);
    expect(fake.requests).toHaveLength(Math.ceil((ALL.length + 1) / 1000));
    expect(fake.requests.map((r) => [r.parent, r.pageSize, r.filter])).toEqual(
      fake.requests.map(() => [`projects/${PROJECT}`, 1000, ""]),
    );
    expect(fake.requests[0].pageToken).toBe("");
    expect(fake.requests.slice(1).every((r) => r.pageToken !== "")).toBe(true);
  });

  test("a prefix is sent as the list filter name:PREFIX and the server's contains-match is narrowed to the prefix", async () => {
    const listed = await collect(opts({ prefix: "staging-", pageSize: 100 }));
    expectEachExactlyOnce(listed, STAGING);
    // the server matched 1,249 (staging-* and old-staging-*): ceil(1249/100) = 13 pages, not a scan of all 2,150
    expect(fake.requests).toHaveLength(13);
    expect(fake.requests.every((r) => r.filter === "name:staging-" && r.pageSize === 100)).toBe(true);
  });

  test("the name is the short secret id and the id the full resource name; labels and creation time come along", async () => {
    const [s] = await collect(opts({ prefix: "labelled" }));
    expect(s).toEqual({
      name: "labelled",
      id: `projects/${PROJECT}/secrets/labelled`,
      createdAt: new Date(1_700_000_000_500),
      labels: { team: "payments" },
    });
  });

  test("with a location it lists the regional parent projects/P/locations/L", async () => {
    const listed = await collect(opts({ location: "europe-west4", pageSize: 50 }));
    expectEachExactlyOnce(listed, REGIONAL);
    expect(listed[0].id).toMatch(/^projects\/eskit-test\/locations\/europe-west4\/secrets\/eu-app-\d{4}$/);
    expect(fake.requests).toHaveLength(Math.ceil(321 / 50));
    expect(fake.requests.every((r) => r.parent === `projects/${PROJECT}/locations/europe-west4`)).toBe(true);
  });

  test("onPage reports progress after each page", async () => {
    const progress: { pages: number; listed: number }[] = [];
    await collect(opts({ prefix: "prod-", pageSize: 400, onPage: (p) => progress.push(p) }));
    expect(progress).toEqual([
      { pages: 1, listed: 400 },
      { pages: 2, listed: 800 },
      { pages: 3, listed: 900 },
    ]);
  });

  test("RESOURCE_EXHAUSTED is retried with backoff and the listing completes", async () => {
    fake.setFault((_r, i) => (i < 2 || i === 4 ? grpc.status.RESOURCE_EXHAUSTED : undefined));
    let retries = 0;
    const listed = await collect(opts({ prefix: "prod-", pageSize: 300, onRetry: () => retries++ }));
    expectEachExactlyOnce(listed, PROD);
    expect(retries).toBe(3);
    expect(fake.requests.filter((r) => !r.injected)).toHaveLength(3);
  });

  test("a persistent failure mid-way throws a DiscoveryError with the count listed before it", async () => {
    fake.setFault((_r, i) => (i >= 2 ? grpc.status.PERMISSION_DENIED : undefined));
    const error = await collect(opts({ pageSize: 500 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscoveryError);
    expect((error as DiscoveryError).listed).toBe(1000);
    expect((error as Error).message).toMatch(/stopped after 1000 secrets .*PERMISSION_DENIED|stopped after 1000 secrets .*7/);
    expect(fake.requests).toHaveLength(3); // not retried
  });

  test("an abort stops the listing with a DiscoveryError that counts what was listed", async () => {
    const controller = new AbortController();
    const error = await collect(
      opts({ pageSize: 700, signal: controller.signal, onPage: (p) => (p.pages === 2 ? controller.abort() : undefined) }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscoveryError);
    expect((error as DiscoveryError).listed).toBe(1400);
    expect((error as Error).message).toMatch(/stopped after 1400 secrets \(2 pages\): AbortError/);
    expect(fake.requests).toHaveLength(2);
  });
});
