/**
 * @eskit/cdk8s: cdk8s constructs that render `@eskit/core` into manifests for GitOps: the External
 * Secrets Operator (Flux or Argo CD), Secret Manager Accesses and External Secret Bindings, with
 * cdk8s-plus-28 integration.
 */
export * from "./operator";
export * from "./access";
export * from "./binding";
export { renderObject, type RenderOptions } from "./objects";
