/** The External Secrets Operator as GitOps objects (Flux or Argo CD), or rendered by cdk8s's Helm construct. */
import { Helm, type ApiObject } from "cdk8s";
import {
  argoCdSyncAnnotations,
  buildOperatorGitOpsObjects,
  buildOperatorNamespace,
  buildOperatorRelease,
  throwIfProblems,
  validateGitOps,
  validateOperator,
  type GitOpsOptions,
  type OperatorRelease,
  type OperatorSpec,
  type SyncStage,
} from "@eskit/core";
import { Construct } from "constructs";
import { renderObject } from "./objects";

/** How the operator is delivered: Flux objects, an Argo CD Application, or `helm template` output. */
export type OperatorDelivery = "flux" | "argocd" | "helm";

/** Props of `ExternalSecretsOperator`. */
export interface ExternalSecretsOperatorProps extends OperatorSpec, GitOpsOptions {
  /**
   * `"flux"`: a HelmRepository and a HelmRelease; `"argocd"`: an Application; `"helm"`: the chart
   * rendered at synth time by cdk8s's `Helm` construct (needs a `helm` binary on the PATH).
   * @default "flux"
   */
  readonly gitops?: OperatorDelivery;
}

const CLUSTER_SCOPED = new Set(["Namespace"]);

/** The operator: its namespace plus the chosen GitOps objects, built by `@eskit/core`. */
export class ExternalSecretsOperator extends Construct {
  /** How the operator is delivered. */
  readonly gitops: OperatorDelivery;
  /** Chart coordinates, namespace and merged values. */
  readonly release: OperatorRelease;
  /** Namespace of the operator. */
  readonly namespace: string;
  /** The objects emitted (without the Helm construct's output in `"helm"` mode). */
  readonly apiObjects: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: ExternalSecretsOperatorProps = {}) {
    super(scope, id);
    const gitops = props.gitops ?? "flux";
    const problems = [...validateOperator(props), ...(gitops === "helm" ? [] : validateGitOps(gitops, props))];
    throwIfProblems(`Invalid External Secrets Operator "${id}"`, problems);
    this.gitops = gitops;
    this.release = buildOperatorRelease(props);
    this.namespace = this.release.namespace;
    const annotations = this.syncAnnotations("operator", false);
    if (gitops === "helm") {
      this.apiObjects = [renderObject(this, "Namespace", buildOperatorNamespace(this.release), { clusterScoped: true })];
      new Helm(this, "Chart", {
        chart: this.release.chart,
        repo: this.release.repository,
        version: this.release.version,
        releaseName: this.release.releaseName,
        namespace: this.release.namespace,
        values: this.release.values,
        helmFlags: ["--include-crds"],
      });
      return;
    }
    this.apiObjects = buildOperatorGitOpsObjects(this.release, gitops, props).map((object) =>
      renderObject(this, object.kind, object, { clusterScoped: CLUSTER_SCOPED.has(object.kind), annotations }),
    );
  }

  /** Annotations that order an object of `stage` after the operator (Argo CD only; empty otherwise). */
  syncAnnotations(stage: SyncStage, esoObject: boolean): Record<string, string> {
    return this.gitops === "argocd" ? argoCdSyncAnnotations(stage, esoObject) : {};
  }
}
