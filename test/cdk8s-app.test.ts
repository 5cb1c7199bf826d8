/**
 * The cdk8s example app, synthesized with `Testing`: valid ESO objects and Flux values, bindings wired into
 * the kplus Deployment, and IAM documents that grant reads inside each access's restriction only.
 */
import { Testing } from "cdk8s";
import { PARAMETER_STORE_READ_ACTIONS, SECRETS_MANAGER_READ_ACTIONS } from "@eskit/core";
import { Platform } from "../examples/cdk8s-app/chart";
import { describeWithEso, formatSchemaErrors, validateEsoObject, validateHelmValues } from "./support/eso-schemas";
import { simulate, type Decision } from "./support/iam";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const platform = new Platform(Testing.app(), "platform");
const objects: Obj[] = Testing.synth(platform);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);

describe("the cdk8s example app", () => {
  it("delivers ESO 2.9.0 with Flux, and emits two stores and two ExternalSecrets", () => {
    expect(ofKind("HelmRelease")).toHaveLength(1);
    expect(ofKind("HelmRelease")[0].spec.chart.spec.version).toBe("2.9.0");
    expect(ofKind("ClusterSecretStore").map((o) => o.metadata.name).sort()).toEqual(["params", "staging"]);
    expect(ofKind("ExternalSecret").map((o) => o.metadata.name).sort()).toEqual(["api-db", "api-features"]);
  });

  it("feeds the api container from both bindings' Secrets", () => {
    const env: Obj[] = ofKind("Deployment")[0].spec.template.spec.containers[0].env;
    expect(env.map((e) => [e.name, e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key])).toEqual(
      expect.arrayContaining([["DB_USER", "api-db", "DB_USER"], ["DB_PASSWORD", "api-db", "DB_PASSWORD"], ["FEATURE_FLAGS", "api-features", "FEATURE_FLAGS"]]),
    );
  });
});

describeWithEso("the cdk8s example app against the ESO v1 CRDs and the chart's values schema", () => {
  it.each(objects.filter((o) => ["ClusterSecretStore", "ExternalSecret", "ServiceAccount", "Secret"].includes(o.kind)).map((o) => [`${o.kind} ${o.metadata.name}`, o]))("%s is valid", (_name, object) => {
    expect(formatSchemaErrors(validateEsoObject(object))).toBe("");
  });

  it("gives Flux values the chart accepts", () => {
    expect(formatSchemaErrors(validateHelmValues(ofKind("HelmRelease")[0].spec.values))).toBe("");
  });
});

describe.each([
  { access: "staging", reads: SECRETS_MANAGER_READ_ACTIONS, inside: "arn:aws:secretsmanager:eu-west-3:123456789012:secret:staging/db-Ab12Cd", outside: "arn:aws:secretsmanager:eu-west-3:123456789012:secret:prod/db-Ab12Cd", write: "secretsmanager:PutSecretValue" },
  { access: "params", reads: PARAMETER_STORE_READ_ACTIONS, inside: "arn:aws:ssm:eu-west-3:123456789012:parameter/shop/staging/feature-flags", outside: "arn:aws:ssm:eu-west-3:123456789012:parameter/shop/prod/feature-flags", write: "ssm:PutParameter" },
] as const)("the IAM policy the cdk8s app's $access access needs, simulated", ({ access, reads, inside, outside, write }) => {
  const policy = platform[access].iamPolicy;
  const decide = (action: string, resource: string) => simulate({ principal: "arn:aws:iam::123456789012:role/eso", action, resource }, { identity: [policy] });

  it.each(reads)("allows %s inside the restriction, and denies it outside", async (action) => {
    expect(await decide(action, inside)).toBe<Decision>("Allowed");
    expect(await decide(action, outside)).toBe<Decision>("ImplicitlyDenied");
  });

  it("denies writes", async () => {
    expect(await decide(write, inside)).toBe<Decision>("ImplicitlyDenied");
  });
});
