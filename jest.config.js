/** Jest runs TypeScript through @swc/jest (no type-checking here: `tsc -b` is its own step). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/packages", "<rootDir>/test"],
  testMatch: ["**/test/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "commonjs" } }],
  },
  moduleNameMapper: {
    "^@eskit/(core|discovery|pulumi|cdk8s|cli)$": "<rootDir>/packages/$1/src",
  },
  // Jest's default on a 2-core machine is one worker; two halve the suite's wall time.
  maxWorkers: 2,
  testTimeout: 60000,
};
