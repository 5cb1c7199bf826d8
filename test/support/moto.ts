/**
 * Test support: a moto server (AWS API mock) on a free local port, and a recording, fault-injecting HTTP
 * proxy to put in front of it (it sees the wire: every request, its X-Amz-Target and JSON body).
 * When moto is not installed (`python3 -c "import moto"` fails), suites declared with `describeWithMoto`
 * are skipped with a visible warning.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

/** Dummy credentials and region for moto. */
export const MOTO_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" } as const;
/** The region the tests use. */
export const MOTO_REGION = "us-east-1";

let available: boolean | undefined;
/** True when `python3 -c "import moto"` succeeds (cached). */
export function motoAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync("python3", ["-c", "import moto"], { stdio: "ignore", timeout: 20_000 });
    available = r.status === 0;
  }
  return available;
}

/** `describe` when moto is installed; otherwise `describe.skip`, with a warning saying why. */
export function describeWithMoto(name: string, fn: () => void): void {
  if (motoAvailable()) {
    describe(name, fn);
  } else {
    console.warn(`SKIPPED "${name}": moto is not installed (python3 -c "import moto" failed); pip install "moto[server]"`);
    describe.skip(`${name} [skipped: moto is not installed]`, fn);
  }
}

/** A free TCP port on 127.0.0.1 (bind to port 0, read the port, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A running moto server. */
export interface Moto {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly port: number;
  /** Kills the server and waits for it to exit. */
  stop(): Promise<void>;
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.setTimeout(1000, () => req.destroy(new Error("timeout")));
  });
}

/**
 * Data loaded into moto's in-process backends (account 123456789012, region us-east-1) before it serves.
 * Bulk seeding this way takes milliseconds; through the API, moto spends 5-9 ms per create call behind
 * the GIL (2,000 secrets took 18 s through the SDK, and parallel requests do not help). A seeded moto
 * also pages DescribeParameters as AWS does (MaxResults up to 50, no token after the last page).
 */
export interface MotoSeed {
  readonly secretsmanager?: readonly { name: string; value: string; description?: string; tags?: Record<string, string> }[];
  readonly ssm?: readonly { name: string; value: string; type?: "String" | "StringList" | "SecureString"; description?: string }[];
}

const SEED_AND_SERVE = `
import json, sys
seed = json.load(sys.stdin)
account, region = "123456789012", "us-east-1"
if seed.get("secretsmanager"):
    from moto.secretsmanager.models import secretsmanager_backends
    sm = secretsmanager_backends[account][region]
    for s in seed["secretsmanager"]:
        tags = [{"Key": k, "Value": v} for k, v in (s.get("tags") or {}).items()]
        sm.create_secret(name=s["name"], secret_string=s["value"], secret_binary=None, description=s.get("description"),
                         tags=tags, kms_key_id=None, client_request_token=None, replica_regions=[], force_overwrite=False)
if seed.get("ssm"):
    from moto.ssm.models import ssm_backends
    ssm = ssm_backends[account][region]
    for p in seed["ssm"]:
        ssm.put_parameter(name=p["name"], description=p.get("description"), value=p["value"], parameter_type=p.get("type", "String"),
                          allowed_pattern=None, keyid=None, overwrite=False, tags=[], data_type="text", tier=None, policies=None)
# moto 5.2.1 answers DescribeParameters in pages of 10 whatever MaxResults says, and sends a NextToken
# after a full last page; AWS honours MaxResults (1-50) and ends on the last page. Make moto page as AWS
# does, so request counts on the wire are AWS's (and listing 2,000 parameters costs 40 requests, not 201).
from moto.ssm import responses as ssm_responses
def describe_parameters_as_aws(self):
    page_size = max(1, min(int(self._get_param("MaxResults") or 10), 50))
    token = str(self._get_param("NextToken") or "0").strip() or "0"
    start = int(token)
    result = self.ssm_backend.describe_parameters(self._get_param("Filters"), self._get_param("ParameterFilters"))
    response = {"Parameters": [p.describe_response_object(False) for p in result[start:start + page_size]]}
    if start + page_size < len(result):
        response["NextToken"] = str(start + page_size)
    return ssm_responses.ActionResult(response)
ssm_responses.SimpleSystemManagerResponse.describe_parameters = describe_parameters_as_aws
from moto.server import main
main(sys.argv[1:])
`;

/**
 * Starts moto (`python3 -m moto.server -H 127.0.0.1 -p PORT`, or the same server after loading `seed`
 * into its backends) on a free port and waits until it answers.
 */
export async function startMoto(options: { seed?: MotoSeed; timeoutMs?: number } = {}): Promise<Moto> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    const serverArgs = ["-H", "127.0.0.1", "-p", String(port)];
    const child = spawn("python3", options.seed ? ["-c", SEED_AND_SERVE, ...serverArgs] : ["-m", "moto.server", ...serverArgs], {
      stdio: [options.seed ? "pipe" : "ignore", "ignore", "pipe"],
    });
    if (options.seed) child.stdin?.end(JSON.stringify(options.seed));
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    child.once("exit", () => (exited = true));
    while (!exited && Date.now() < deadline) {
      try {
        if ((await get(`${endpoint}/moto-api/`)) > 0) return { endpoint, port, stop: () => kill(child) };
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await kill(child);
    // the port may have been taken between freePort() and the bind: try another one once
    if (!exited || tries >= 1) throw new Error(`moto did not start on ${endpoint}: ${stderr}`);
  }
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** One request seen by the proxy. */
export interface SeenRequest {
  /** Sequence number, from 0. */
  readonly index: number;
  /** The `X-Amz-Target` header (e.g. `secretsmanager.ListSecrets`), or "" for other protocols. */
  readonly target: string;
  /** The operation: the part of the target after the dot. */
  readonly operation: string;
  /** The JSON body, parsed ({} when it is not JSON). */
  readonly body: Record<string, unknown>;
  /** What the proxy answered instead of forwarding, if it injected a fault. */
  readonly injected?: string;
}

/** A fault to answer with instead of forwarding: an AWS JSON-protocol error. */
export interface InjectedFault {
  readonly status: number;
  /** The error type (`x-amzn-ErrorType` and `__type`), e.g. `ThrottlingException`. */
  readonly type: string;
  readonly message: string;
}

/** A running proxy. */
export interface RecordingProxy {
  /** `http://127.0.0.1:PORT`: give this to the SDK instead of moto's endpoint. */
  readonly endpoint: string;
  /** Every request seen, in order. */
  readonly requests: SeenRequest[];
  /** Forgets the requests seen so far. */
  clear(): void;
  /** Replaces the fault injector. */
  setFault(fault: FaultInjector | undefined): void;
  stop(): Promise<void>;
}

/** Decides, per request, whether to answer with a fault. */
export type FaultInjector = (request: Omit<SeenRequest, "injected">) => InjectedFault | undefined;

/** A throttling error exactly as AWS JSON-protocol services send it. */
export const THROTTLING: InjectedFault = { status: 400, type: "ThrottlingException", message: "Rate exceeded" };

/** Starts an HTTP proxy to `target` that records every request and can inject faults. */
export async function startRecordingProxy(target: string, fault?: FaultInjector): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: SeenRequest[] = [];
  let injector = fault;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      let body: Record<string, unknown> = {};
      try {
        body = raw.length ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      const targetHeader = String(req.headers["x-amz-target"] ?? "");
      const seen = { index: requests.length, target: targetHeader, operation: targetHeader.split(".").pop() ?? "", body };
      const f = injector?.(seen);
      if (f) {
        requests.push({ ...seen, injected: f.type });
        const payload = JSON.stringify({ __type: f.type, message: f.message });
        res.writeHead(f.status, {
          "content-type": "application/x-amz-json-1.1",
          "x-amzn-errortype": f.type,
          "x-amzn-requestid": `injected-${seen.index}`,
          "content-length": Buffer.byteLength(payload),
        });
        res.end(payload);
        return;
      }
      requests.push(seen);
      const up = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
        (ur) => {
          res.writeHead(ur.statusCode ?? 502, ur.headers);
          ur.pipe(res);
        },
      );
      up.on("error", (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      up.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    clear: () => void requests.splice(0),
    setFault: (f) => (injector = f),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Runs `work` over `items` with at most `concurrency` in flight (for seeding). */
export async function inBatches<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  });
  await Promise.all(workers);
}
