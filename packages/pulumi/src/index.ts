/**
 * @eskit/pulumi: Pulumi components that render the @eskit/core model into AWS, GCP and Kubernetes
 * resources: the External Secrets Operator, Secret Manager Accesses and external secret bindings.
 */
export * from "./operator";
export * from "./access";
export * from "./binding";
