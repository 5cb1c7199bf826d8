/**
 * A local gRPC server speaking the Secret Manager v1 API, built from the client library's own protos.
 * It implements ListSecrets (parent, page_size, page_token, and the `name:` filter) and records requests.
 * Filter semantics, after GCP's list-filter rules: `name:VALUE` is a "has" match, i.e. the secret id
 * contains VALUE (so the server may return more than a prefix would; eskit narrows).
 */
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

const SM_PROTOS = path.join(path.dirname(require.resolve("@google-cloud/secret-manager/package.json")), "build", "protos");
// google/api, google/iam, google/protobuf, google/rpc: shipped with google-gax, the client's transport
const GAX_PROTOS = path.join(
  path.dirname(require.resolve("google-gax", { paths: [SM_PROTOS] })), // .../google-gax/build/src/index.js
  "..",
  "protos",
);

/** One ListSecrets request as the server received it. */
export interface SeenListRequest {
  readonly parent: string;
  readonly pageSize: number;
  readonly pageToken: string;
  readonly filter: string;
  /** Set when the server answered with an injected error. */
  readonly injected?: grpc.status;
}

/** A running fake server. */
export interface FakeSecretManager {
  /** `127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly port: number;
  readonly requests: SeenListRequest[];
  /** Adds secrets (short ids) under a parent (`projects/P` or `projects/P/locations/L`). */
  addSecrets(parent: string, ids: readonly string[], labels?: Record<string, string>): void;
  /** Answers requests with an error status while `fault` says so. */
  setFault(fault: ((request: SeenListRequest, index: number) => grpc.status | undefined) | undefined): void;
  clear(): void;
  stop(): Promise<void>;
}

const MAX_PAGE = 25000;

interface StoredSecret {
  name: string;
  createTime: { seconds: number; nanos: number };
  labels: Record<string, string>;
}

/** Parses the subset of the list filter eskit sends: empty, or `name:VALUE`. */
export function parseNameFilter(filter: string): ((id: string) => boolean) | Error {
  if (!filter.trim()) return () => true;
  const m = /^name:(?:"([^"]*)"|([A-Za-z0-9_-]+))$/.exec(filter.trim());
  if (!m) return new Error(`unsupported filter ${JSON.stringify(filter)}`);
  const value = (m[1] ?? m[2]).toLowerCase();
  return (id) => id.toLowerCase().includes(value);
}

/** Starts the server on a free port. */
export async function startFakeSecretManager(): Promise<FakeSecretManager> {
  const def = await protoLoader.load("google/cloud/secretmanager/v1/service.proto", {
    includeDirs: [SM_PROTOS, GAX_PROTOS],
    keepCase: false,
    longs: Number,
    defaults: true,
  });
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    google: { cloud: { secretmanager: { v1: { SecretManagerService: grpc.ServiceClientConstructor } } } };
  };
  const service = pkg.google.cloud.secretmanager.v1.SecretManagerService.service;
  const store = new Map<string, StoredSecret[]>();
  const requests: SeenListRequest[] = [];
  let fault: ((r: SeenListRequest, i: number) => grpc.status | undefined) | undefined;

  const unimplemented: grpc.UntypedServiceImplementation = {};
  for (const name of Object.keys(service)) {
    unimplemented[name] = (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
      callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by the fake` });
  }
  const server = new grpc.Server();
  server.addService(service, {
    ...unimplemented,
    ListSecrets(
      call: grpc.ServerUnaryCall<{ parent: string; pageSize: number; pageToken: string; filter: string }, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) {
      const { parent, pageSize, pageToken, filter } = call.request;
      const seen: SeenListRequest = { parent, pageSize, pageToken, filter };
      const code = fault?.(seen, requests.length);
      if (code !== undefined) {
        requests.push({ ...seen, injected: code });
        return callback({ code, details: code === grpc.status.RESOURCE_EXHAUSTED ? "Quota exceeded for quota metric 'Access requests'" : "injected" });
      }
      requests.push(seen);
      if (!/^projects\/[^/]+(\/locations\/[^/]+)?$/.test(parent)) {
        return callback({ code: grpc.status.INVALID_ARGUMENT, details: `invalid parent ${parent}` });
      }
      const match = parseNameFilter(filter);
      if (match instanceof Error) return callback({ code: grpc.status.INVALID_ARGUMENT, details: match.message });
      const all = (store.get(parent) ?? []).filter((s) => match(s.name.slice(s.name.lastIndexOf("/") + 1)));
      const size = pageSize <= 0 ? MAX_PAGE : Math.min(pageSize, MAX_PAGE);
      const start = pageToken ? Number(Buffer.from(pageToken, "base64").toString()) : 0;
      if (!Number.isInteger(start) || start < 0) return callback({ code: grpc.status.INVALID_ARGUMENT, details: "bad page token" });
      const page = all.slice(start, start + size);
      const next = start + size < all.length ? Buffer.from(String(start + size)).toString("base64") : "";
      callback(null, { secrets: page, nextPageToken: next, totalSize: all.length });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    requests,
    addSecrets(parent, ids, labels = {}) {
      const list = store.get(parent) ?? [];
      for (const id of ids) list.push({ name: `${parent}/secrets/${id}`, createTime: { seconds: 1_700_000_000, nanos: 500_000_000 }, labels });
      list.sort((a, b) => a.name.localeCompare(b.name));
      store.set(parent, list);
    },
    setFault: (f) => (fault = f),
    clear: () => void requests.splice(0),
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
