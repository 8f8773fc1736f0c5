/**
 * Collection of container output into the log store (issue 5 item 1): Docker logs followed with
 * nanosecond checkpoints, partial lines merged, multiline grouping, JSON/logfmt fields as metadata.
 */
export { LogCollector } from './log-collector.js';
export type { LogCollectorOptions } from './log-collector.js';
export { checkpointKey, followContainer } from './container-follower.js';
export type { CollectedEntry, FollowerOptions, LogSink } from './container-follower.js';
