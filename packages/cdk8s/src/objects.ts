/** Turns core's plain Kubernetes objects into cdk8s `ApiObject`s, adding nothing but ordering annotations. */
import { ApiObject, JsonPatch } from "cdk8s";
import type { KubeObject } from "@eskit/core";
import type { Construct } from "constructs";

/** How a core object is rendered. */
export interface RenderOptions {
  /** Cluster-scoped kind: never gets the chart's default namespace. @default false */
  readonly clusterScoped?: boolean;
  /** Annotations merged over the object's own (Argo CD ordering). @default none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** An `ApiObject` holding exactly `object` (plus `options.annotations`). */
export function renderObject(scope: Construct, id: string, object: KubeObject, options: RenderOptions = {}): ApiObject {
  const { apiVersion, kind, metadata, ...body } = object;
  const annotations = { ...metadata.annotations, ...options.annotations };
  const apiObject = new ApiObject(scope, id, {
    apiVersion,
    kind,
    metadata: { ...metadata, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
    ...body,
  });
  if (options.clusterScoped && apiObject.metadata.namespace !== undefined) apiObject.addJsonPatch(JsonPatch.remove("/metadata/namespace"));
  return apiObject;
}
