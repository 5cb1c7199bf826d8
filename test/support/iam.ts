/**
 * Test support: AWS IAM decisions for eskit's documents through @cloud-copilot/iam-simulate (strict mode,
 * validated inputs: an invalid policy, action or ARN fails the test instead of denying quietly).
 *
 * One limit of the simulator: it drops context keys it does not know for an action, and the claims of an
 * EKS OIDC provider (`oidc.eks.REGION.amazonaws.com/id/ID:sub`/`:aud`) are such keys. For web-identity
 * trust, the simulator decides principal and action on the statement without its Condition, and
 * `evaluateConditions` (below, StringEquals/StringLike only) decides the Condition.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";

/** The simulator's verdict. */
export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** One request to simulate. */
export interface IamRequest {
  /** ARN of the calling principal. */
  readonly principal: string;
  /** `service:Action`. */
  readonly action: string;
  /** Resource ARN, or "*" for actions without resource-level permissions. */
  readonly resource: string;
  /** Account owning the resource. @default the account of `resource`, else of `principal` */
  readonly resourceAccount?: string;
  /** Request context keys. @default {} */
  readonly context?: Readonly<Record<string, string | string[]>>;
}

/** Policies around a request. */
export interface IamPolicies {
  /** Identity policies of the principal. @default [] */
  readonly identity?: readonly unknown[];
  /** Resource policy (secret policy, key policy, trust policy). @default none */
  readonly resource?: unknown;
}

function accountOf(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** Runs one simulation and returns its decision; throws with the simulator's message when the input is invalid. */
export async function simulate(request: IamRequest, policies: IamPolicies): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount ?? accountOf(request.resource) ?? accountOf(request.principal) ?? "" },
      contextVariables: { ...(request.context ?? {}) },
    },
    identityPolicies: (policies.identity ?? []).map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(policies.resource !== undefined ? { resourcePolicy: policies.resource } : {}),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") throw new Error(`iam-simulate rejected the simulation of ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  const ignored = result.resultType === "single" ? (result.result.ignoredContextKeys ?? []) : [];
  if (ignored.length > 0) throw new Error(`iam-simulate ignored context keys ${ignored.join(", ")} for ${request.action}: the decision would not consider them`);
  return result.overallResult as Decision;
}

type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

function likeToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
}

/**
 * IAM's rule for a Condition block: every operator, every key must match; a key matches when the request
 * value equals (StringEquals) or is like (StringLike) any listed value; a missing key never matches.
 * Only the operators eskit emits are supported: anything else throws.
 */
export function evaluateConditions(condition: ConditionBlock | undefined, context: Readonly<Record<string, string>>): boolean {
  if (!condition) return true;
  const lowerContext = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = lowerContext.get(key.toLowerCase());
      if (actual === undefined) return false;
      const values = typeof expected === "string" ? [expected] : [...expected];
      if (operator === "StringEquals") return values.includes(actual);
      if (operator === "StringLike") return values.some((v) => likeToRegExp(v).test(actual));
      throw new Error(`evaluateConditions: operator ${operator} is not supported`);
    }),
  );
}

interface TrustStatement {
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

/**
 * Whether a web-identity trust policy lets `providerArn` call `sts:AssumeRoleWithWebIdentity` on `roleArn`
 * with token `claims` (context keys such as `ISSUER:sub`): the simulator decides principal and action
 * per statement (its Condition removed), `evaluateConditions` decides the Condition. Allow statements only:
 * eskit's trust policies carry no Deny (a Deny statement throws, so it cannot be missed).
 */
export async function webIdentityTrustAllows(trust: { readonly Statement: readonly TrustStatement[] }, roleArn: string, providerArn: string, claims: Readonly<Record<string, string>>): Promise<boolean> {
  for (const statement of trust.Statement) {
    if (statement.Effect !== "Allow") throw new Error("webIdentityTrustAllows: only Allow statements are supported");
    const withoutCondition = { ...statement };
    delete (withoutCondition as { Condition?: unknown }).Condition;
    const decision = await simulate(
      { principal: providerArn, action: "sts:AssumeRoleWithWebIdentity", resource: roleArn },
      { resource: { Version: "2012-10-17", Statement: [withoutCondition] } },
    );
    if (decision === "Allowed" && evaluateConditions(statement.Condition, claims)) return true;
  }
  return false;
}
