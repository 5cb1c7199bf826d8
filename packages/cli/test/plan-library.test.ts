/** `planProgram` as a library (what the examples test uses): in-process, repeatable, no files unless asked. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REDACTED } from "@eskit/core";
import { planProgram } from "@eskit/cli";
import { Progress } from "../src/format/progress";
import { FIXTURES } from "./support/cli";

describe("planProgram", () => {
  it("returns the recorded resources, outputs and files without writing when write is false", async () => {
    const out = path.join(os.tmpdir(), `eskit-plan-lib-${process.pid}`);
    const result = await planProgram(path.join(FIXTURES, "raw-program"), { out, write: false });
    expect(result.errors).toEqual([]);
    expect(result.written).toBe(false);
    expect(fs.existsSync(out)).toBe(false);
    expect(result.resources.map((r) => r.type)).toContain("kubernetes:external-secrets.io/v1:ExternalSecret");
    expect(result.outputs.password).toBe(REDACTED);
    expect(result.files.map((f) => f.path)).toContain("kubernetes/apps/externalsecret-billing-env.yaml");
  });

  it("runs a program again in the same process and gets the same plan", async () => {
    const first = await planProgram(path.join(FIXTURES, "raw-program"), { write: false });
    const second = await planProgram(path.join(FIXTURES, "raw-program"), { write: false });
    expect(second.resources.map((r) => r.urn)).toEqual(first.resources.map((r) => r.urn));
  });
  // Invalid programs are covered through the binary (plan.test.ts): inside jest, a rejection raised in an
  // apply() reaches jest's own unhandled-rejection handler, not the one planProgram installs on `process`.
});

describe("Progress", () => {
  const stream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (t: string) => (writes.push(t), true) } };
  };

  it("stays silent on a terminal while the work is short, then rewrites one line and clears it", () => {
    let now = 0;
    const s = stream(true);
    const progress = new Progress(s.stream, { delayMs: 750, now: () => now });
    progress.update("listed 100 secrets (1 page)...");
    expect(s.writes).toEqual([]);
    now = 1000;
    progress.update("listed 1,200 secrets (12 pages)...");
    progress.clear();
    expect(s.writes).toEqual(["\r\x1b[2Klisted 1,200 secrets (12 pages)...", "\r\x1b[2K"]);
  });

  it("never writes to a stream that is not a terminal", () => {
    const s = stream(false);
    const progress = new Progress(s.stream, { delayMs: 0 });
    progress.update("listed 5 secrets (1 page)...");
    progress.clear();
    expect(s.writes).toEqual([]);
  });
});
