/** GCP IAM for Secret Manager: roles, the restriction condition, custom-role permissions, workload identity. */
import type { ResolvedAccess } from "../access";
import { kubeName } from "../names";
import { isUnrestricted } from "../restriction";

/** Role that reads secret values. Granted conditioned on the restriction. */
export const GCP_SECRET_ACCESSOR_ROLE = "roles/secretmanager.secretAccessor";
/** Role that lists secrets and reads their metadata (never values). */
export const GCP_SECRET_VIEWER_ROLE = "roles/secretmanager.viewer";
/** Role that lets a Kubernetes service account act as a GCP service account. */
export const GCP_WORKLOAD_IDENTITY_USER_ROLE = "roles/iam.workloadIdentityUser";

/** Permissions of the custom role for static credentials: read values and their versions, nothing else. */
export const GCP_STATIC_PERMISSIONS = [
  "secretmanager.secrets.get",
  "secretmanager.versions.access",
  "secretmanager.versions.get",
  "secretmanager.versions.list",
] as const;
/** Permissions needed to list secrets (granted by the viewer role, unconditioned, as listing is project-level). */
export const GCP_LIST_PERMISSIONS = ["secretmanager.secrets.list", "secretmanager.locations.list"] as const;

/** An IAM condition. */
export interface GcpCondition {
  readonly title: string;
  readonly description: string;
  readonly expression: string;
}

/** One project-level grant to the access's identity. */
export interface GcpRoleGrant {
  /** Role name (`roles/...`, or the custom role's id for static credentials). */
  readonly role: string;
  /** Condition of the grant, absent when unrestricted. */
  readonly condition?: GcpCondition;
}

/** Resource-name prefix of the project's secrets (project number; location for regional secrets). */
export function secretResourcePrefix(projectNumber: string, location?: string): string {
  return location ? `projects/${projectNumber}/locations/${location}/secrets/` : `projects/${projectNumber}/secrets/`;
}

/**
 * IAM condition for a restriction: `resource.name.startsWith("projects/<NUMBER>/secrets/<prefix>")` for a
 * `prefix*` pattern; an exact name matches the secret and its versions. Undefined when unrestricted.
 */
export function buildGcpSecretCondition(access: ResolvedAccess, projectNumber: string): GcpCondition | undefined {
  const patterns = access.spec.restrictTo;
  if (isUnrestricted(patterns)) return undefined;
  const base = secretResourcePrefix(projectNumber, access.spec.location);
  const clauses = (patterns ?? []).map((p) =>
    p.endsWith("*")
      ? `resource.name.startsWith("${base}${p.slice(0, -1)}")`
      : `(resource.name == "${base}${p}" || resource.name.startsWith("${base}${p}/"))`,
  );
  return {
    title: `eskit-${access.spec.name}`.slice(0, 100),
    description: `eskit access "${access.spec.name}" may read only: ${(patterns ?? []).join(", ")}`.slice(0, 256),
    expression: clauses.join(" || "),
  };
}

/** The workload identity member of a Kubernetes service account: `serviceAccount:PROJECT.svc.id.goog[NS/SA]`. */
export function workloadIdentityMember(clusterProject: string, namespace: string, serviceAccountName: string): string {
  return `serviceAccount:${clusterProject}.svc.id.goog[${namespace}/${serviceAccountName}]`;
}

/** Account id (the part before "@") of the GCP service account eskit creates for an access: 6-30 chars. */
export function gcpServiceAccountId(accessName: string): string {
  return kubeName(["eskit", accessName], 30);
}

/** Id of the custom role for static credentials (letters, digits, underscores, dots; at most 64). */
export function gcpCustomRoleId(accessName: string): string {
  return kubeName(["eskit", accessName, "reader"], 64).replace(/-/g, "_");
}

/** The project-level grants of an access: accessor (conditioned) or the custom role, plus viewer for listing. */
export function buildGcpRoleGrants(access: ResolvedAccess, projectNumber: string, customRoleName?: string): GcpRoleGrant[] {
  const condition = buildGcpSecretCondition(access, projectNumber);
  const reader = access.mode === "static-gcp" ? (customRoleName ?? `projects/${access.project}/roles/${gcpCustomRoleId(access.spec.name)}`) : GCP_SECRET_ACCESSOR_ROLE;
  return [{ role: reader, ...(condition ? { condition } : {}) }, { role: GCP_SECRET_VIEWER_ROLE }];
}
