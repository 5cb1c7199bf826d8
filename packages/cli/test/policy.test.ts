/** `eskit policy`: exactly core's documents, GCP roles/condition/gcloud commands, core validation as usage errors. */
import {
  GCP_SECRET_VIEWER_ROLE,
  GCP_STATIC_PERMISSIONS,
  buildAwsAccessPolicy,
  buildGcpRoleGrants,
  gcpCustomRoleId,
  gcpServiceAccountId,
  resolveAccess,
  type AccessSpec,
  type ProviderId,
} from "@eskit/core";
import { eskit } from "./support/cli";

const cluster: AccessSpec["cluster"] = {
  cloud: "aws",
  oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-3.amazonaws.com/id/ABC",
  oidcIssuerUrl: "https://oidc.eks.eu-west-3.amazonaws.com/id/ABC",
};
const KEY = "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("eskit policy (AWS)", () => {
  it.each<[ProviderId, string[], Partial<AccessSpec>]>([
    ["aws-secrets-manager", [], {}],
    ["aws-secrets-manager", ["--restrict", "staging/*", "--restrict", "prod/db"], { restrictTo: ["staging/*", "prod/db"] }],
    ["aws-parameter-store", ["--restrict", "/app/prod/*", "--kms-key", KEY], { restrictTo: ["/app/prod/*"], kmsKeyArns: [KEY] }],
  ])("prints exactly core's identity policy for %s %j", async (provider, flags, extra) => {
    const r = await eskit(["policy", "--provider", provider, "--region", "eu-west-3", "--account", "123456789012", ...flags]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const access = resolveAccess({ name: "x", provider, region: "eu-west-3", accountId: "123456789012", cluster, auth: { type: "automatic" }, ...extra });
    expect(JSON.parse(r.stdout)).toEqual(buildAwsAccessPolicy(access, { region: "eu-west-3", accountId: "123456789012" }));
  });

  it("rejects an invalid restriction with exit code 2, core's message and the flag to fix", async () => {
    const r = await eskit(["policy", "--provider", "aws-secrets-manager", "--region", "eu-west-3", "--account", "123456789012", "--restrict", "staging/*", "--restrict", "staging/*", "--kms-key", "alias/x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("2 problems");
    expect(r.stderr).toContain("restrictTo[1]: is listed twice");
    expect(r.stderr).toContain("kmsKeyArns[0]: is not valid");
    expect(r.stderr).toMatch(/hint: fix --restrict, --kms-key|hint: fix --kms-key, --restrict/);
  });
});

describe("eskit policy (GCP)", () => {
  const args = ["policy", "--provider", "gcp-secret-manager", "--project", "my-project", "--project-number", "987654321098", "--restrict", "staging-*", "--name", "billing"];
  const spec: AccessSpec = {
    name: "billing",
    provider: "gcp-secret-manager",
    project: "my-project",
    projectNumber: "987654321098",
    cluster,
    auth: { type: "static", create: true },
    restrictTo: ["staging-*"],
  };

  it("prints the condition on the project number and the gcloud commands of the static-credentials setup", async () => {
    const r = await eskit(args);
    expect(r.code).toBe(0);
    const roleId = gcpCustomRoleId("billing");
    const email = `${gcpServiceAccountId("billing")}@my-project.iam.gserviceaccount.com`;
    expect(r.stdout).toContain('resource.name.startsWith("projects/987654321098/secrets/staging-")');
    expect(r.stdout).toContain(`gcloud iam roles create ${roleId} --project=my-project`);
    expect(r.stdout).toContain(`--permissions=${GCP_STATIC_PERMISSIONS.join(",")}`);
    expect(r.stdout).toContain(`gcloud iam service-accounts create ${gcpServiceAccountId("billing")} --project=my-project`);
    expect(r.stdout).toContain(`--member=serviceAccount:${email} --role=projects/my-project/roles/${roleId} --condition-from-file=condition.json`);
    expect(r.stdout).toContain(`--role=${GCP_SECRET_VIEWER_ROLE} --condition=None`);
    expect(r.stdout).toContain(`gcloud iam service-accounts keys create key.json --iam-account=${email}`);
  });

  it("prints, with --json, core's grants and condition for the static-credentials access", async () => {
    const r = await eskit([...args, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const roleName = `projects/my-project/roles/${gcpCustomRoleId("billing")}`;
    expect(out.staticCredentials.grants).toEqual(buildGcpRoleGrants(resolveAccess(spec), "987654321098", roleName));
    expect(out.staticCredentials.customRole.permissions).toEqual([...GCP_STATIC_PERMISSIONS]);
  });

  it("asks for the project number when a restriction needs a condition", async () => {
    const r = await eskit(["policy", "--provider", "gcp-secret-manager", "--project", "my-project", "--restrict", "staging-*"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing --project-number");
    expect(r.stderr).toContain("gcloud projects describe my-project");
  });

  it("rejects a GCP pattern with an inner wildcard with core's message", async () => {
    const r = await eskit(["policy", "--provider", "gcp-secret-manager", "--project", "my-project", "--project-number", "1", "--restrict", "a*b"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("GCP IAM conditions can only match a prefix");
  });
});
