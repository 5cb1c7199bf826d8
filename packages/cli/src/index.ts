/** @eskit/cli: the `eskit` command (secrets list, policy, plan) and its plan runner as a library. */
export { run, reportError, MAIN_HELP } from "./cli";
export { CliError, UsageError, EXIT_OK, EXIT_FAILURE, EXIT_USAGE } from "./errors";
export type { CliIO, OutStream } from "./io";
export { planProgram, type PlanOptions, type PlanResult, type PlanError } from "./plan/run";
export type { RecordedResource } from "./plan/recorder";
export type { PlanFile } from "./plan/writers";
export type { PulumiProject } from "./plan/project";
export { readProject } from "./plan/project";
export { createMocks, mockState, mockCall, MOCK_ACCOUNT_ID, MOCK_PROJECT_NUMBER } from "./plan/mocks";
export { mermaidGraph } from "./plan/mermaid";
export { awsPolicy, gcpPolicy, type GcpPolicyResult } from "./commands/policy";
