/**
 * The operator as GitOps objects (Flux HelmRepository + HelmRelease, or an Argo CD Application), for
 * renderers that synthesize manifests instead of running Helm, and the annotations that order an
 * Argo CD sync. Pure: plain Kubernetes objects from an `OperatorRelease`.
 */
import type { Problem } from "../errors";
import type { OperatorRelease } from "./chart";
import { eskitLabels, type KubeObject } from "./kube";
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, GO_DURATION } from "../validation/syntax";

/** GitOps engines the operator can be emitted for. */
export type GitOpsEngine = "flux" | "argocd";

/** Every GitOps engine, in a stable order. */
export const GITOPS_ENGINES: readonly GitOpsEngine[] = ["flux", "argocd"];

/** Flux API versions eskit emits. */
export const FLUX_SOURCE_API_VERSION = "source.toolkit.fluxcd.io/v1";
/** Flux helm-controller API version eskit emits. */
export const FLUX_HELM_API_VERSION = "helm.toolkit.fluxcd.io/v2";
/** Argo CD Application API version. */
export const ARGOCD_API_VERSION = "argoproj.io/v1alpha1";

/** Options of the Flux objects. */
export interface FluxOptions {
  /** Reconciliation interval of the HelmRepository and HelmRelease. @default "1h" */
  readonly interval?: string;
  /** Namespace of the HelmRepository and HelmRelease. @default the release namespace */
  readonly namespace?: string;
}

/** Options of the Argo CD Application. */
export interface ArgoCdOptions {
  /** Namespace Argo CD watches for Applications. @default "argocd" */
  readonly namespace?: string;
  /** Argo CD project. @default "default" */
  readonly project?: string;
  /** API server of the destination cluster. @default "https://kubernetes.default.svc" */
  readonly server?: string;
  /** Automated sync with prune and self-heal. @default true */
  readonly automated?: boolean;
}

/** Options of every GitOps engine (only the chosen engine's are read). */
export interface GitOpsOptions {
  /** Flux options. @default {} */
  readonly flux?: FluxOptions;
  /** Argo CD options. @default {} */
  readonly argocd?: ArgoCdOptions;
}

/** Every problem with a GitOps engine and its options. */
export function validateGitOps(engine: unknown, options: GitOpsOptions = {}): Problem[] {
  const problems: Problem[] = [];
  if (!GITOPS_ENGINES.includes(engine as GitOpsEngine)) {
    problems.push({ path: "gitops", value: engine, message: "is not a GitOps engine", fix: `Use one of ${GITOPS_ENGINES.map((e) => `"${e}"`).join(", ")}.` });
  }
  const check = (path: string, value: unknown, rule: { test(v: string): boolean; expected: string }): void => {
    if (value !== undefined && (typeof value !== "string" || !rule.test(value))) problems.push({ path, value, message: "is not valid", fix: `Use ${rule.expected}.` });
  };
  check("flux.interval", options.flux?.interval, GO_DURATION);
  check("flux.namespace", options.flux?.namespace, DNS1123_LABEL);
  check("argocd.namespace", options.argocd?.namespace, DNS1123_LABEL);
  check("argocd.project", options.argocd?.project, DNS1123_SUBDOMAIN);
  const server = options.argocd?.server;
  if (server !== undefined && (typeof server !== "string" || !/^https:\/\/\S+$/.test(server))) {
    problems.push({ path: "argocd.server", value: server, message: "is not an API server URL", fix: 'Use an https URL such as "https://kubernetes.default.svc".' });
  }
  return problems;
}

/** The release namespace. */
export function buildOperatorNamespace(release: OperatorRelease): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name: release.namespace, labels: eskitLabels() } };
}

/** Flux `HelmRepository` of the chart's repository. */
export function buildFluxHelmRepository(release: OperatorRelease, options: FluxOptions = {}): KubeObject {
  return {
    apiVersion: FLUX_SOURCE_API_VERSION,
    kind: "HelmRepository",
    metadata: { name: release.releaseName, namespace: options.namespace ?? release.namespace, labels: eskitLabels() },
    spec: { interval: options.interval ?? "1h", url: release.repository },
  };
}

/** Flux `HelmRelease` of the operator: chart version pinned, CRDs created and replaced on install and upgrade. */
export function buildFluxHelmRelease(release: OperatorRelease, options: FluxOptions = {}): KubeObject {
  const namespace = options.namespace ?? release.namespace;
  return {
    apiVersion: FLUX_HELM_API_VERSION,
    kind: "HelmRelease",
    metadata: { name: release.releaseName, namespace, labels: eskitLabels() },
    spec: {
      interval: options.interval ?? "1h",
      releaseName: release.releaseName,
      targetNamespace: release.namespace,
      chart: {
        spec: {
          chart: release.chart,
          version: release.version,
          sourceRef: { kind: "HelmRepository", name: release.releaseName, namespace },
        },
      },
      install: { crds: "CreateReplace" },
      upgrade: { crds: "CreateReplace" },
      values: release.values,
    },
  };
}

/** Argo CD `Application` of the operator: chart pinned, values inline, namespace created, server-side apply. */
export function buildArgoCdApplication(release: OperatorRelease, options: ArgoCdOptions = {}): KubeObject {
  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: "Application",
    metadata: { name: release.releaseName, namespace: options.namespace ?? "argocd", labels: eskitLabels() },
    spec: {
      project: options.project ?? "default",
      source: {
        repoURL: release.repository,
        chart: release.chart,
        targetRevision: release.version,
        helm: { releaseName: release.releaseName, valuesObject: release.values },
      },
      destination: { server: options.server ?? "https://kubernetes.default.svc", namespace: release.namespace },
      syncPolicy: {
        ...(options.automated === false ? {} : { automated: { prune: true, selfHeal: true } }),
        syncOptions: ["CreateNamespace=true", "ServerSideApply=true"],
      },
    },
  };
}

/** Every object of the operator for `engine`: the release namespace first, then the engine's objects. */
export function buildOperatorGitOpsObjects(release: OperatorRelease, engine: GitOpsEngine, options: GitOpsOptions = {}): KubeObject[] {
  const objects: KubeObject[] =
    engine === "argocd"
      ? [buildArgoCdApplication(release, options.argocd)]
      : [buildFluxHelmRepository(release, options.flux), buildFluxHelmRelease(release, options.flux)];
  return [buildOperatorNamespace(release), ...objects];
}

/** Argo CD annotation that orders a sync in waves. */
export const ARGOCD_SYNC_WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";
/** Argo CD annotation with per-object sync options. */
export const ARGOCD_SYNC_OPTIONS_ANNOTATION = "argocd.argoproj.io/sync-options";

/** Where an object stands in the operator -> access -> binding order. */
export type SyncStage = "operator" | "access" | "binding";

const WAVES: Record<SyncStage, string> = { operator: "-10", access: "-5", binding: "0" };

/**
 * Argo CD annotations that apply the operator first, then accesses, then bindings, and let ESO
 * objects pass the dry run while their CRDs are not installed yet.
 */
export function argoCdSyncAnnotations(stage: SyncStage, esoObject: boolean): Record<string, string> {
  return {
    [ARGOCD_SYNC_WAVE_ANNOTATION]: WAVES[stage],
    ...(esoObject ? { [ARGOCD_SYNC_OPTIONS_ANNOTATION]: "SkipDryRunOnMissingResource=true" } : {}),
  };
}
