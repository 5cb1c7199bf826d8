/**
 * The cdk8s half of the benchmark: the workload as @eskit/cdk8s constructs in a Chart, and the same
 * manifests as hand-written `ApiObject`s (what a user would write without eskit), each synthesized
 * to YAML with `app.synthYaml()` (the pipeline of `app.synth()` without writing files).
 */
import { ApiObject, App, Chart } from "cdk8s";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess } from "@eskit/cdk8s";
import { ACCOUNT_ID, MANAGED, OPERATOR_NAMESPACE, accessCases, bindingCases, eskitAccessProps, envOf, handWrittenExternalSecret, handWrittenStore } from "./scenario";

/** A chart builder: declares the workload's constructs in `chart`. */
export type ChartProgram = (chart: Chart, bindings: number) => void;

/** The IAM role each access is given (cdk8s does not create cloud identities). */
const roleArn = (access: string): string => `arn:aws:iam::${ACCOUNT_ID}:role/eso-${access}`;

/** The workload through eskit's constructs (operator delivered with Flux, the default). */
export const eskitChart: ChartProgram = (chart, count) => {
  const operator = new ExternalSecretsOperator(chart, "eso");
  const accesses = accessCases().map(
    (a) =>
      new SecretManagerAccess(chart, a.name, { ...eskitAccessProps(a), roleArn: roleArn(a.name), operator }),
  );
  for (const b of bindingCases(count)) new ExternalSecretBinding(chart, b.name, { access: accesses[b.access], namespace: b.namespace, env: envOf(b) });
};

const NAMESPACE = OPERATOR_NAMESPACE;

/** The same manifests as `ApiObject`s written by hand, with the same ordering dependencies. */
export const rawChart: ChartProgram = (chart, count) => {
  const metadata = { name: "external-secrets", namespace: NAMESPACE, labels: MANAGED };
  const operator = [
    new ApiObject(chart, "eso-namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE, labels: MANAGED } }),
    new ApiObject(chart, "eso-repository", {
      apiVersion: "source.toolkit.fluxcd.io/v1",
      kind: "HelmRepository",
      metadata,
      spec: { interval: "1h", url: "https://charts.external-secrets.io" },
    }),
    new ApiObject(chart, "eso-release", {
      apiVersion: "helm.toolkit.fluxcd.io/v2",
      kind: "HelmRelease",
      metadata,
      spec: {
        chart: { spec: { chart: "external-secrets", sourceRef: { kind: "HelmRepository", name: "external-secrets", namespace: NAMESPACE }, version: "2.9.0" } },
        install: { crds: "CreateReplace" },
        interval: "1h",
        releaseName: "external-secrets",
        targetNamespace: NAMESPACE,
        upgrade: { crds: "CreateReplace" },
        values: { installCRDs: true },
      },
    }),
  ];
  const stores = accessCases().map((a) => {
    const labels = { ...MANAGED, "eskit.dev/access": a.name };
    const serviceAccountName = `eskit-${a.name}`;
    const serviceAccount = new ApiObject(chart, `${a.name}-sa`, {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: serviceAccountName, namespace: NAMESPACE, labels, annotations: { "eks.amazonaws.com/role-arn": roleArn(a.name) } },
    });
    const store = new ApiObject(chart, `${a.name}-store`, handWrittenStore(a));
    serviceAccount.addDependency(...operator);
    store.addDependency(...operator);
    return [serviceAccount, store];
  });
  for (const b of bindingCases(count)) new ApiObject(chart, b.name, handWrittenExternalSecret(b)).addDependency(...stores[b.access]);
};

/** The chart builders by variant name. */
export const CHARTS: Record<"eskit" | "raw", ChartProgram> = { eskit: eskitChart, raw: rawChart };

/** What one synthesis produced. */
export interface Cdk8sRun {
  /** `ApiObject`s in the chart. */
  readonly apiObjects: number;
  /** Manifests in the synthesized YAML. */
  readonly manifests: number;
  /** The synthesized YAML. */
  readonly yaml: string;
}

/** Builds the chart and synthesizes it to YAML. */
export function runCdk8s(program: ChartProgram, bindings: number): Cdk8sRun {
  const app = new App();
  const chart = new Chart(app, "bench");
  program(chart, bindings);
  const yaml = app.synthYaml();
  const apiObjects = chart.node.findAll().filter((c) => c instanceof ApiObject).length;
  const manifests = yaml.split(/^---$/m).filter((doc) => doc.trim() !== "").length;
  return { apiObjects, manifests, yaml };
}
