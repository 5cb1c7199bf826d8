/** An External Secret Binding as manifests: the ExternalSecret, and the env a cdk8s-plus container needs. */
import { ApiObject } from "cdk8s";
import * as kplus from "cdk8s-plus-28";
import {
  EskitError,
  buildEnv,
  buildEnvFrom,
  buildExternalSecret,
  resolveBinding,
  type BindingSpec,
  throwIfProblems,
  validateServiceEnv,
  type EnvFromSecret,
  type EnvVarFromSecret,
  type Problem,
  type ResolvedBinding,
} from "@eskit/core";
import type { Construct } from "constructs";
import type { SecretManagerAccess } from "./access";
import { apiObjectProps } from "./objects";

/** Props of `ExternalSecretBinding`: core's `BindingSpec` plus the access it reads through. */
export interface ExternalSecretBindingProps extends Omit<BindingSpec, "name"> {
  /** Binding name; the ExternalSecret and target Secret derive from it. @default the construct id */
  readonly name?: string;
  /** The access whose ClusterSecretStore the binding reads from. */
  readonly access: SecretManagerAccess;
}

/** Options of `ExternalSecretBinding.addTo`. */
export interface AddToContainerOptions {
  /** Add the whole target Secret as `envFrom` instead of one `env` entry per variable. @default false */
  readonly envFrom?: boolean;
}

/** Bindings already added to each container, to reject a variable set twice (core `validateServiceEnv`). */
const ADDED = new WeakMap<kplus.Container, ResolvedBinding[]>();

/**
 * One service's external secrets: one ESO ExternalSecret (from `@eskit/core`) and its target Secret,
 * exposed to cdk8s-plus as `EnvValue`s (`envValue`) or added to a container at once (`addTo`).
 * The construct is the ExternalSecret `ApiObject` itself: a binding adds one node to the tree, not two.
 */
export class ExternalSecretBinding extends ApiObject {
  /** The bindings added to `container` through `addTo`, in order. */
  static addedTo(container: kplus.Container): readonly ResolvedBinding[] {
    return [...(ADDED.get(container) ?? [])];
  }

  /** The validated binding and its derived names. */
  readonly resolved: ResolvedBinding;
  /** The access the binding reads through. */
  readonly access: SecretManagerAccess;
  /** Name of the target Secret ESO writes. */
  readonly secretName: string;
  private importedSecret?: kplus.ISecret;
  /** Container `env` entries (`valueFrom.secretKeyRef`), as plain objects. */
  readonly env: readonly EnvVarFromSecret[];
  /** Container `envFrom` entries, as plain objects. */
  readonly envFrom: readonly EnvFromSecret[];

  constructor(scope: Construct, id: string, props: ExternalSecretBindingProps) {
    const { access, name, ...rest } = props;
    const resolved = resolveBinding({ ...rest, name: name ?? id }, access.resolved);
    super(scope, id, apiObjectProps(buildExternalSecret(resolved), { annotations: access.operator?.syncAnnotations("binding", true) }));
    this.resolved = resolved;
    this.access = access;
    this.secretName = resolved.secretName;
    this.env = buildEnv(resolved);
    this.envFrom = buildEnvFrom(resolved);
    this.node.addDependency(access);
  }

  /** The ExternalSecret object (the binding itself). */
  get externalSecret(): ApiObject {
    return this;
  }

  /**
   * The target Secret as a cdk8s-plus Secret (imported by name: ESO creates it). Imported on first use,
   * so bindings that are never wired through cdk8s-plus add nothing to the construct tree.
   */
  get secret(): kplus.ISecret {
    this.importedSecret ??= kplus.Secret.fromSecretName(this, "Secret", this.secretName);
    return this.importedSecret;
  }

  /** Environment variable names of the binding, sorted. */
  get variables(): readonly string[] {
    return this.resolved.entries.map((e) => e.envVar);
  }

  /** A cdk8s-plus `EnvValue` reading `envVar` from the target Secret. Throws an `EskitError` for a variable the binding does not define. */
  envValue(envVar: string): kplus.EnvValue {
    if (!this.variables.includes(envVar)) {
      throw new EskitError(`External Secret Binding "${this.resolved.name}"`, [
        { path: "envVar", value: envVar, message: "is not a variable of this binding", fix: `Use one of ${this.variables.join(", ")}, or add it to the binding's env.` },
      ]);
    }
    return kplus.EnvValue.fromSecretValue({ secret: this.secret, key: envVar });
  }

  /**
   * Adds every variable to `container` (or the whole Secret as `envFrom`). Throws an `EskitError` when a
   * variable is already set on the container, by another binding or otherwise, or when bindings differ in namespace.
   */
  addTo(container: kplus.Container, options: AddToContainerOptions = {}): void {
    const previous = ADDED.get(container) ?? [];
    const fromBindings = new Set(previous.flatMap((b) => b.entries.map((e) => e.envVar)));
    const problems: Problem[] = validateServiceEnv([...previous, this.resolved]);
    for (const existing of Object.keys(container.env.variables)) {
      if (fromBindings.has(existing) || !this.variables.includes(existing)) continue;
      problems.push({ path: `${this.resolved.name}.env.${existing}`, value: existing, message: `is already set on container "${container.name}"`, fix: "Rename one of the variables: a service sees each name once." });
    }
    throwIfProblems(`Cannot add External Secret Binding "${this.resolved.name}" to container "${container.name}"`, problems);
    if (options.envFrom) container.env.copyFrom(kplus.Env.fromSecret(this.secret));
    else for (const envVar of this.variables) container.env.addVariable(envVar, this.envValue(envVar));
    ADDED.set(container, [...previous, this.resolved]);
  }
}
