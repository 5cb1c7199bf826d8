/**
 * Require hook for the benchmarks: transpiles `.ts` with @swc/core (no type-checking; `tsc -b` does that)
 * and resolves `@eskit/<pkg>` to packages/<pkg>/src, so `npm run bench` needs no build step.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");
const swc = require("@swc/core");

const root = path.resolve(__dirname, "..");
const ESKIT = /^@eskit\/(core|discovery|pulumi|cdk8s|cli)$/;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const m = ESKIT.exec(request);
  if (m) return path.join(root, "packages", m[1], "src", "index.ts");
  return resolve.call(this, request, parent, ...rest);
};

if (!Module._extensions[".ts"]) {
  Module._extensions[".ts"] = (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, "utf8"), {
      filename,
      sourceMaps: "inline",
      jsc: { parser: { syntax: "typescript" }, target: "es2022", keepClassNames: true },
      module: { type: "commonjs" },
      swcrc: false,
      configFile: false,
    });
    module._compile(code, filename);
  };
}
