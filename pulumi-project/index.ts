/**
 * One cluster's secrets, entirely from stack config: the External Secrets Operator, one Secret Manager
 * Access per entry of `accesses`, one binding per entry of `bindings`. See README.md for the keys.
 */
import * as pulumi from "@pulumi/pulumi";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess } from "@eskit/pulumi";
import { ConfigProblems, authArgs, readConfig } from "./config";

const { cluster, accesses, bindings, createNamespaces } = readConfig();
const problems = new ConfigProblems();

const operator = new ExternalSecretsOperator("eso", new pulumi.Config().getObject("operator") ?? {});

const access: Record<string, SecretManagerAccess | undefined> = {};
for (const [name, spec] of Object.entries(accesses)) {
  access[name] = problems.collect(`accesses.${name}`, () => new SecretManagerAccess(name, { ...spec, operator, cluster, auth: authArgs(spec.auth) }));
}

const namespaces = new Map<string, Namespace>();
if (createNamespaces) {
  for (const ns of new Set(Object.values(bindings).map((b) => b.namespace))) namespaces.set(ns, new Namespace(ns, { metadata: { name: ns } }));
}

const binding: Record<string, ExternalSecretBinding | undefined> = {};
for (const [name, spec] of Object.entries(bindings)) {
  const target = access[spec.access];
  const ns = namespaces.get(spec.namespace);
  if (target) binding[name] = problems.collect(`bindings.${name}`, () => new ExternalSecretBinding(name, { ...spec, access: target }, { dependsOn: ns ? [ns] : [] }));
}
problems.throwIfAny();

/** Per access: its store, identity and the IAM documents to review (or attach to your own role). */
export const accessOutputs = Object.fromEntries(
  Object.entries(access).map(([name, a]) => [name, {
    storeName: a?.storeName,
    roleArn: a?.roleArn,
    gcpServiceAccountEmail: a?.gcpServiceAccountEmail,
    policy: a?.policy,
    requiredTrustPolicy: a?.requiredTrustPolicy,
  }]),
);

/** Per binding: the Secret it fills and the container env to use it. */
export const bindingOutputs = Object.fromEntries(Object.entries(binding).map(([name, b]) => [name, { secretName: b?.secretName, env: b?.env }]));
