/** The `eskit` binary: help, usage errors (exit 2, one-line cause and a hint). */
import { eskit } from "./support/cli";

describe("eskit", () => {
  it.each([
    [["--help"], "Usage: eskit <command>"],
    [["secrets", "list", "--help"], "Usage: eskit secrets list"],
    [["policy", "--help"], "Usage: eskit policy"],
    [["plan", "--help"], "Usage: eskit plan [dir]"],
  ])("prints help for %j on stdout and exits 0", async (args, heading) => {
    const r = await eskit(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(heading);
    expect(r.stderr).toBe("");
  });

  it.each([
    [[], "Usage: eskit <command>"],
    [["deploy"], 'unknown command "deploy"'],
    [["secrets", "show"], 'unknown command "secrets show"'],
    [["secrets", "list"], "missing --provider"],
    [["secrets", "list", "--provider", "vault"], 'unknown provider "vault"'],
    [["secrets", "list", "--provider", "aws-secrets-manager"], "missing --region"],
    [["secrets", "list", "--provider", "gcp-secret-manager"], "missing --project"],
    [["secrets", "list", "--provider", "aws-secrets-manager", "--region", "mars-1"], "--region"],
    [["policy", "--provider", "aws-secrets-manager", "--region", "eu-west-3"], "missing --account"],
    [["policy", "--frobnicate"], "unknown option --frobnicate"],
    [["policy", "--provider"], "option --provider needs a value"],
    [["policy", "--json=yes"], "option --json is a flag"],
    [["plan", "a", "b"], 'unexpected argument "b"'],
    [["plan", "/nonexistent/eskit-project"], "is not a folder"],
  ])("rejects %j with exit code 2, naming the problem, and a hint", async (args, cause) => {
    const r = await eskit(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(cause);
    expect(r.stdout).toBe("");
    if (args.length > 0) expect(r.stderr).toMatch(/^hint: .+$/m);
  });
});
