/** The daemon's pipelines: queue, run lifecycle, logs, approvals (issue 6). */
export { PipelineService } from './pipeline-service.js';
export type { ExecuteInput, PipelineServiceDeps } from './pipeline-service.js';
export type { RunEvent } from './run-events.js';
export { runGraph } from './run-graph.js';
export type { RunGraph, RunGraphStep } from './run-graph.js';
export { runsToStart, supersededBy } from './run-queue.js';
export { executeWithRunner, toRunEvent } from './runner-adapter.js';
export type { RunnerAdapterDeps } from './runner-adapter.js';
export { commitStatusReporter } from './report-commit-status.js';
export { PipelineTriggers } from './pipeline-triggers.js';
export type { PipelineTriggersDeps } from './pipeline-triggers.js';
