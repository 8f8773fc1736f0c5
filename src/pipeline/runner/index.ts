/**
 * The pipeline step executor (issue 6): `runPipeline` runs one pipeline variant on the local Docker
 * Engine (steps as containers with the workspace mounted, services, caches, artifacts, reports,
 * built-in steps through the integrator's handlers), streaming masked output as events;
 * `cleanupRun` removes what an interrupted run left behind. See README.md.
 */
export { runPipeline } from './run-pipeline.js';
export { cleanupAllRuns, cleanupRun } from './cleanup-run.js';
export type { CleanupResult } from './cleanup-run.js';
export { runnerLabelKeys } from './runner-labels.js';
export { defaultRunLimits } from './runner-limits.js';
export { cacheVolumeName, runNetworkName, stepContainerName } from './run-object-names.js';
export { outputVariableName } from './step-environment.js';
export { workspaceMountPath } from './container-spec.js';
export type {
  BuiltinContext,
  BuiltinHandler,
  BuiltinHandlers,
  LogStream,
  RunEvent,
  RunInput,
  RunLimits,
  RunnerDeps,
  RunResult,
  RunStatus,
  RunTrigger,
  StepOutcome,
  StepResult,
  StepRunStatus,
} from './runner-types.js';
