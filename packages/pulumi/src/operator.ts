/** The External Secrets Operator: its namespace and its Helm release. */
import * as pulumi from "@pulumi/pulumi";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import { buildOperatorRelease, validateOperator, type OperatorRelease } from "@eskit/core";
import { resourceError } from "./inputs";

/** Options of the operator. */
export interface ExternalSecretsOperatorArgs {
  /** Namespace of the operator, its access service accounts and credentials Secrets. @default "external-secrets" */
  readonly namespace?: string;
  /** Version of the `external-secrets` chart. @default "2.9.0" */
  readonly chartVersion?: string;
  /** Helm values merged (deeply) over eskit's defaults (`installCRDs: true`). @default {} */
  readonly values?: Readonly<Record<string, unknown>>;
}

/**
 * The External Secrets Operator, installed with Helm (chart `external-secrets` from
 * https://charts.external-secrets.io, CRDs included) into its own namespace. Every access and binding
 * depends on its `release`.
 */
export class ExternalSecretsOperator extends pulumi.ComponentResource {
  /** Namespace the operator runs in. */
  readonly namespace: pulumi.Output<string>;
  /** Helm release name. */
  readonly releaseName: pulumi.Output<string>;
  /** Helm release status (`deployed` once installed). */
  readonly status: pulumi.Output<string>;
  /** The resolved release (chart, version, namespace, merged values), known at construction. */
  readonly spec: OperatorRelease;
  /** The Helm release; accesses depend on it. */
  readonly release: Release;
  /** The operator's Namespace. */
  readonly namespaceResource: Namespace;

  /** Validates the options (raising every problem at once, before any resource) and installs the operator. */
  constructor(name: string, args: ExternalSecretsOperatorArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const problems = validateOperator(args);
    if (problems.length > 0) throw resourceError(`Invalid External Secrets Operator "${name}"`, problems);
    const spec = buildOperatorRelease(args);
    super("eskit:index:ExternalSecretsOperator", name, {}, opts);
    this.spec = spec;
    this.namespaceResource = new Namespace(name, { metadata: { name: spec.namespace, labels: { "app.kubernetes.io/managed-by": "eskit" } } }, { parent: this });
    this.release = new Release(
      name,
      {
        name: spec.releaseName,
        chart: spec.chart,
        version: spec.version,
        repositoryOpts: { repo: spec.repository },
        namespace: spec.namespace,
        createNamespace: false,
        values: spec.values,
      },
      { parent: this, dependsOn: [this.namespaceResource] },
    );
    this.namespace = this.namespaceResource.metadata.name;
    this.releaseName = this.release.name;
    this.status = this.release.status.status;
    this.registerOutputs({ namespace: this.namespace, releaseName: this.releaseName, status: this.status });
  }
}
