import { ESO_CHART, EskitError, buildOperatorRelease } from "@eskit/core";
import { ExternalSecretsOperator } from "@eskit/cdk8s";
import { Chart, Testing } from "cdk8s";
import fc from "fast-check";
import { describeWithEso, formatSchemaErrors, validateHelmValues } from "../../../test/support/eso-schemas";
import { objectsOfKind, type Manifest } from "./fixtures";

const userValues = { replicaCount: 2, webhook: { replicaCount: 2 } };

describe("ExternalSecretsOperator with Flux (the default)", () => {
  it("emits the namespace, a HelmRepository of the chart repository and a HelmRelease pinned to 2.9.0", () => {
    const chart = Testing.chart();
    const operator = new ExternalSecretsOperator(chart, "eso", { values: userValues });
    expect(operator.gitops).toBe("flux");
    const objects = Testing.synth(chart);
    expect(objects.map((o: Manifest) => `${o.apiVersion} ${o.kind}`)).toEqual(["v1 Namespace", "source.toolkit.fluxcd.io/v1 HelmRepository", "helm.toolkit.fluxcd.io/v2 HelmRelease"]);
    const [namespace, repository, release] = objects;
    expect(namespace.metadata.name).toBe("external-secrets");
    expect(repository.spec.url).toBe("https://charts.external-secrets.io");
    expect(release.spec.chart.spec).toEqual({ chart: "external-secrets", version: "2.9.0", sourceRef: { kind: "HelmRepository", name: repository.metadata.name, namespace: repository.metadata.namespace } });
    expect(release.spec.install.crds).toBe("CreateReplace");
    expect(release.spec.upgrade.crds).toBe("CreateReplace");
    expect(release.spec.targetNamespace).toBe("external-secrets");
    expect(release.spec.values).toEqual({ installCRDs: true, replicaCount: 2, webhook: { replicaCount: 2 } });
  });

  it("honours chartVersion, namespace and the Flux interval", () => {
    const chart = Testing.chart();
    new ExternalSecretsOperator(chart, "eso", { chartVersion: "2.10.1", namespace: "eso", flux: { interval: "10m" } });
    const [release] = objectsOfKind(chart, "HelmRelease");
    expect(release.spec.chart.spec.version).toBe("2.10.1");
    expect(release.metadata.namespace).toBe("eso");
    expect(release.spec.interval).toBe("10m");
    expect(objectsOfKind(chart, "Namespace")[0].metadata.name).toBe("eso");
  });
});

describe("ExternalSecretsOperator with Argo CD", () => {
  it("emits the namespace and an Application of the pinned chart with inline values, namespace creation and server-side apply", () => {
    const chart = Testing.chart();
    new ExternalSecretsOperator(chart, "eso", { gitops: "argocd", values: userValues });
    const objects = Testing.synth(chart);
    expect(objects.map((o: Manifest) => o.kind)).toEqual(["Namespace", "Application"]);
    const app = objects[1];
    expect(app.apiVersion).toBe("argoproj.io/v1alpha1");
    expect(app.metadata.namespace).toBe("argocd");
    expect(app.spec.source).toEqual({
      repoURL: ESO_CHART.repository,
      chart: "external-secrets",
      targetRevision: "2.9.0",
      helm: { releaseName: "external-secrets", valuesObject: { installCRDs: true, ...userValues } },
    });
    expect(app.spec.destination).toEqual({ server: "https://kubernetes.default.svc", namespace: "external-secrets" });
    expect(app.spec.syncPolicy.syncOptions).toEqual(expect.arrayContaining(["CreateNamespace=true", "ServerSideApply=true"]));
    expect(app.spec.project).toBe("default");
  });

  it("keeps the Namespace and Application out of a chart's default namespace", () => {
    const chart = new Chart(Testing.app(), "apps", { namespace: "shop" });
    new ExternalSecretsOperator(chart, "eso", { gitops: "argocd", argocd: { namespace: "gitops", project: "platform" } });
    const [namespace, app] = Testing.synth(chart);
    expect(namespace.metadata.namespace).toBeUndefined();
    expect(app.metadata.namespace).toBe("gitops");
    expect(app.spec.project).toBe("platform");
  });
});

describe("ExternalSecretsOperator validation", () => {
  it("reports every invalid option at once, quoting each value", () => {
    let error: unknown;
    try {
      new ExternalSecretsOperator(Testing.chart(), "eso", { gitops: "kustomize" as never, namespace: "External_Secrets", chartVersion: "latest" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EskitError);
    expect((error as EskitError).problems.map((p) => [p.path, p.value])).toEqual([
      ["namespace", "External_Secrets"],
      ["chartVersion", "latest"],
      ["gitops", "kustomize"],
    ]);
  });

  it("points every GitOps object at the same namespace, whatever it is", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/), fc.constantFrom("flux" as const, "argocd" as const), (namespace, gitops) => {
        const chart = Testing.chart();
        new ExternalSecretsOperator(chart, "eso", { namespace, gitops });
        const objects = Testing.synth(chart);
        const targets = objects.map((o: Manifest) => (o.kind === "Namespace" ? o.metadata.name : o.kind === "Application" ? o.spec.destination.namespace : o.kind === "HelmRelease" ? o.spec.targetNamespace : o.metadata.namespace));
        return targets.every((t: string) => t === namespace);
      }),
      { numRuns: 50 },
    );
  });
});

describeWithEso("ExternalSecretsOperator values", () => {
  it.each(["flux", "argocd"] as const)("emits values the chart's values.schema.json accepts (%s)", (gitops) => {
    const chart = Testing.chart();
    new ExternalSecretsOperator(chart, "eso", { gitops, values: userValues });
    const objects = Testing.synth(chart);
    const values = gitops === "flux" ? objects.find((o: Manifest) => o.kind === "HelmRelease").spec.values : objects.find((o: Manifest) => o.kind === "Application").spec.source.helm.valuesObject;
    expect(values).toEqual(buildOperatorRelease({ values: userValues }).values);
    expect(formatSchemaErrors(validateHelmValues(values))).toBe("");
  });
});
