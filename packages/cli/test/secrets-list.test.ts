/** `eskit secrets list` against a moto server: JSON lines, the table, and a listing that stops (exit 1, count listed). */
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { MOTO_CREDENTIALS, MOTO_REGION, describeWithMoto, startMoto, startRecordingProxy, type Moto } from "../../../test/support/moto";
import { eskit } from "./support/cli";

const env = { AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey, AWS_REGION: MOTO_REGION };
const BULK = Array.from({ length: 105 }, (_, i) => ({ name: `bulk/s${String(i).padStart(3, "0")}`, value: "v" }));

describeWithMoto("eskit secrets list (moto)", () => {
  let moto: Moto;
  const list = (...flags: string[]) => eskit(["secrets", "list", "--provider", "aws-secrets-manager", "--region", MOTO_REGION, "--endpoint", moto.endpoint, ...flags], { env });

  beforeAll(async () => {
    moto = await startMoto({ seed: { secretsmanager: BULK } });
    const sdk = new SecretsManagerClient({ region: MOTO_REGION, endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS });
    for (const [name, description] of [["staging/db", "database"], ["staging/api-key", undefined], ["prod/db", "production database"]] as const) {
      await sdk.send(new CreateSecretCommand({ Name: name, SecretString: "do-not-print", Description: description }));
    }
    sdk.destroy();
  });
  afterAll(() => moto?.stop());

  it("streams one JSON object per secret with --json, filtered on the prefix, never a value", async () => {
    const r = await list("--prefix", "staging/", "--json");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.name).sort()).toEqual(["staging/api-key", "staging/db"]);
    expect(lines.find((l) => l.name === "staging/db")).toMatchObject({ description: "database", id: expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:staging\/db-/) });
    expect(r.stdout).not.toContain("do-not-print");
    expect(r.stderr).toBe("");
  });

  it("prints an aligned table with a header by default", async () => {
    const r = await list("--prefix", "staging/");
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^NAME\s+CREATED\s+UPDATED\s+DESCRIPTION$/);
    expect(rows).toHaveLength(2);
    const createdAt = header.indexOf("CREATED");
    for (const row of rows) expect(row.slice(createdAt)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d/);
  });

  it("lists every page of a long listing and shows no progress when stderr is not a terminal", async () => {
    const r = await list("--prefix", "bulk/", "--json");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(105);
    expect(r.stderr).toBe("");
  });

  it("exits 1 with the number of secrets listed when the listing stops, after printing them", async () => {
    const proxy = await startRecordingProxy(moto.endpoint, (req) => (req.operation === "ListSecrets" && req.index > 0 ? { status: 400, type: "AccessDeniedException", message: "not allowed" } : undefined));
    try {
      const r = await eskit(["secrets", "list", "--provider", "aws-secrets-manager", "--region", MOTO_REGION, "--endpoint", proxy.endpoint, "--prefix", "bulk/", "--json"], { env });
      expect(r.code).toBe(1);
      expect(r.stdout.trim().split("\n")).toHaveLength(100);
      expect(r.stderr).toMatch(/^eskit: listing aws-secrets-manager stopped after 100 secrets \(1 pages\): .*AccessDenied/m);
      expect(r.stderr).toMatch(/^hint: 100 listed before the failure/m);
    } finally {
      await proxy.stop();
    }
  });
});
