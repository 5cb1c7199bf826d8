/** Synthesizes the manifests to dist/ (commit them for Flux), and the IAM documents your roles need. */
import fs from "node:fs";
import path from "node:path";
import { App } from "cdk8s";
import { Platform } from "./chart";

const app = new App(); // writes to dist/ (or $CDK8S_OUTDIR)
const platform = new Platform(app, "platform");
app.synth();

for (const access of [platform.staging, platform.params]) {
  const file = path.join(app.outdir, `${access.storeName}.iam.json`);
  fs.writeFileSync(file, `${JSON.stringify({ policy: access.iamPolicy, trustPolicy: access.trustPolicy }, null, 2)}\n`);
}
