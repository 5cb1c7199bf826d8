/** Page source for GCP Secret Manager (the official Node.js client, gRPC). */
import { SecretManagerServiceClient, type protos } from "@google-cloud/secret-manager";
import type { PageSource } from "./aws";
import { omitUndefined } from "./aws";
import { gcpFilter, gcpParent, gcpRegionalEndpoint, lastSegment, matchesGcpPrefix } from "./filters";
import type { DiscoveredSecret, GcpClientOptions } from "./types";

type ISecret = protos.google.cloud.secretmanager.v1.ISecret;
type ITimestamp = protos.google.protobuf.ITimestamp;

/** Settings of the GCP source. */
export interface GcpSourceSettings {
  readonly project: string;
  readonly location?: string;
  readonly endpoint?: string;
  readonly clientOptions?: GcpClientOptions;
  readonly prefix?: string;
  readonly pageSize: number;
}

/** `host`, `host:port` or a URL into client options; no endpoint: the regional endpoint for a location, else the default. */
export function gcpEndpointOptions(endpoint: string | undefined, location: string | undefined): GcpClientOptions {
  if (!endpoint) return location ? { apiEndpoint: gcpRegionalEndpoint(location) } : {};
  const url = new URL(endpoint.includes("://") ? endpoint : `grpc://${endpoint}`);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return url.port ? { apiEndpoint: host, port: Number(url.port) } : { apiEndpoint: host };
}

function toDate(t: ITimestamp | null | undefined): Date | undefined {
  if (!t || t.seconds === null || t.seconds === undefined) return undefined;
  const s = t.seconds;
  const seconds = typeof s === "object" && "toNumber" in s ? s.toNumber() : Number(s);
  return new Date(seconds * 1000 + Math.floor((t.nanos ?? 0) / 1e6));
}

function fromSecret(s: ISecret): DiscoveredSecret {
  const id = s.name ?? "";
  const labels = s.labels && Object.keys(s.labels).length > 0 ? { ...s.labels } : undefined;
  return omitUndefined({ name: lastSegment(id), id, createdAt: toDate(s.createTime), labels });
}

/**
 * GCP Secret Manager: ListSecrets page by page (autoPaginate off, eskit follows nextPageToken), with the
 * `name:PREFIX` filter; the server's "has" match is narrowed to the prefix here. The client's own retry
 * config makes one attempt for ListSecrets (it is "non_idempotent" in the client config), so eskit's loop
 * is the only retry layer.
 */
export function gcpSource(s: GcpSourceSettings, injected?: SecretManagerServiceClient): PageSource {
  const client =
    injected ?? new SecretManagerServiceClient({ ...gcpEndpointOptions(s.endpoint, s.location), ...s.clientOptions });
  const parent = gcpParent(s.project, s.location);
  const filter = gcpFilter(s.prefix);
  return {
    async fetchPage(token, signal) {
      const request: protos.google.cloud.secretmanager.v1.IListSecretsRequest = {
        parent,
        pageSize: s.pageSize,
        ...(token ? { pageToken: token } : {}),
        ...(filter ? { filter } : {}),
      };
      const call = client.listSecrets(request, { autoPaginate: false });
      const [secrets, , response] = await abortable(call, signal);
      const items = (response?.secrets ?? secrets ?? []).map(fromSecret).filter((x) => matchesGcpPrefix(x.name, s.prefix));
      return { items, nextToken: response?.nextPageToken || undefined };
    },
    close: async () => {
      if (!injected) await client.close();
    },
  };
}

/** Rejects with the abort reason when `signal` aborts first (and cancels the call when it can be). */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      (p as { cancel?: () => void }).cancel?.();
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
