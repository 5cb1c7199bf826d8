/** Turns core's plain Kubernetes objects into cdk8s `ApiObject`s, adding nothing but ordering annotations. */
import { ApiObject, JsonPatch, type ApiObjectProps } from "cdk8s";
import type { KubeObject } from "@eskit/core";
import type { Construct } from "constructs";

/** How a core object is rendered. */
export interface RenderOptions {
  /** Cluster-scoped kind: never gets the chart's default namespace. @default false */
  readonly clusterScoped?: boolean;
  /** Annotations merged over the object's own (Argo CD ordering). @default none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The `ApiObject` props holding exactly `object` (plus `options.annotations`). */
export function apiObjectProps(object: KubeObject, options: RenderOptions = {}): ApiObjectProps {
  const { apiVersion, kind, metadata, ...body } = object;
  const annotations = { ...metadata.annotations, ...options.annotations };
  return {
    apiVersion,
    kind,
    metadata: { ...metadata, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
    ...body,
  };
}

/** An `ApiObject` holding exactly `object` (plus `options.annotations`). */
export function renderObject(scope: Construct, id: string, object: KubeObject, options: RenderOptions = {}): ApiObject {
  const apiObject = new ApiObject(scope, id, apiObjectProps(object, options));
  if (options.clusterScoped && apiObject.metadata.namespace !== undefined) apiObject.addJsonPatch(JsonPatch.remove("/metadata/namespace"));
  return apiObject;
}
