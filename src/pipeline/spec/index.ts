/**
 * The pipeline file model (issue 6, docs/pipeline.md), pure and daemon-free: `loadPipeline` reads
 * `.berth/pipeline.yaml` into a frozen `PipelineSpec`; `expandMatrix` makes one pipeline per matrix
 * combination; `buildStepGraph` + `nextSteps` schedule steps; `matchesWhen` evaluates conditions;
 * `parseCron` + `nextCronTime` compute schedules; `parseJUnit` / `parseSarif` summarise reports.
 */
export { loadPipeline, maxPipelineBytes } from './load-pipeline.js';
export type { LoadPipelineOptions } from './load-pipeline.js';
export type * from './pipeline-spec.js';
export { approverRoles, pipelineEvents, reportFormats, stepKinds, stepStatuses } from './pipeline-spec.js';
export { pipelineErrorCode } from './pipeline-error.js';
export { expandMatrix } from './expand-matrix.js';
export type { PipelineVariant, RunVariables } from './expand-matrix.js';
export { runVariableNames, substitute } from './template.js';
export type { RunVariableName } from './template.js';
export { evaluateCacheKey, parseCacheKey } from './cache-key.js';
export type { CacheKeyPart, HashFiles } from './cache-key.js';
export { matchesWhen, statusesFor } from './match-when.js';
export type { TriggerContext, WhenContext } from './match-when.js';
export { matchAnyGlob, matchGlob } from './glob.js';
export { buildStepGraph, findDependencyProblem } from './step-graph.js';
export type { DependencyProblem, StepGraph, StepNode } from './step-graph.js';
export { nextSteps, runOutcome } from './next-steps.js';
export type { NextSteps, RunState } from './next-steps.js';
export { parseCron } from './cron-schedule.js';
export type { CronSchedule } from './cron-schedule.js';
export { nextCronTime } from './next-cron-time.js';
export { parseJUnit } from './parse-junit.js';
export { parseSarif } from './parse-sarif.js';
export { parseXml } from './parse-xml.js';
export type { ParseXmlOptions, XmlElement } from './parse-xml.js';
export { mergeReports, reportFails } from './report-summary.js';
export type { ReportFinding, ReportOptions, ReportSeverity, ReportSummary } from './report-summary.js';
export type { ParseResult } from './parse-result.js';
