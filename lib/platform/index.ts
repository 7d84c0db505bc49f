// The platform area's public entry for other areas (pure): the platform configuration's shape, pipelines
// from processing templates and their schedules. The stored configuration: `@/lib/platform/server`.
export type { DatabasePrivileges } from "./capabilities";
export { component, type PlatformSpec } from "./platform-yaml";
export { pipelineFrom, type PipelineDefinition } from "./processing";
export { isDue, scheduleCron } from "./schedule";
