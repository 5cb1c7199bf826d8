/**
 * @eskit/core: the pure model behind every eskit renderer. Specs are plain readonly data;
 * `validate*` return every problem at once; `resolve*`/`build*` turn specs into IAM documents and
 * Kubernetes objects, throwing one `EskitError` when the input is invalid.
 */
export * from "./errors";
export * from "./providers";
export * from "./spec";
export * from "./names";
export * from "./restriction";
export * from "./access";
export * from "./binding";
export * from "./validation/access";
export * as syntax from "./validation/syntax";
export type { SyntaxRule } from "./validation/syntax";
export * from "./aws/policies";
export * from "./gcp/iam";
export * from "./eso/kube";
export * from "./eso/chart";
export * from "./eso/access-objects";
export * from "./eso/gitops";
