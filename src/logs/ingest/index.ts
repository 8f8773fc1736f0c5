/**
 * The pure pieces of log ingestion: Docker log lines (partial-line merging, checkpoints), multiline
 * grouping, JSON/logfmt parsing into structured metadata, the Loki push API and payloads for exporters.
 * The collector, store and HTTP endpoints call these; see README.md.
 */
export {
  advanceCheckpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  sinceParameter,
} from './docker-log-checkpoint.js';
export type { DockerLogCheckpoint, DockerStream, StreamCursor } from './docker-log-checkpoint.js';
export { DockerLogLineSplitter } from './docker-log-line-splitter.js';
export type { DockerLogLine, DockerLogLineSplitterOptions } from './docker-log-line-splitter.js';
export { ResumeFilter } from './resume-filter.js';
export { parseRfc3339 } from './parse-rfc3339.js';
export type { Instant } from './parse-rfc3339.js';

export { MultilineGrouper } from './multiline-grouper.js';
export type { GroupableEntry, MultilineGroup, MultilineOptions } from './multiline-grouper.js';
export { stackTraceContinuation } from './stack-trace-continuation.js';
export type { ContinuationTest } from './stack-trace-continuation.js';

export { LineParser } from './line-parser.js';
export type { LineParserOptions, LogFormat, ParsedLine } from './line-parser.js';
export { findLevelWord, normalizeLevel } from './log-level.js';
export type { LogLevel } from './log-level.js';
export { findLeadingTimestamp, parseLogTimestamp } from './log-timestamp.js';

export { decodeRequestBody } from './decode-request-body.js';
export type { DecodeBodyOptions } from './decode-request-body.js';
export { defaultLokiPushLimits, lokiPushRequestSchema } from './loki-push-schema.js';
export type { LokiPushLimits, LokiPushRequest } from './loki-push-schema.js';
export { parseLokiPush } from './parse-loki-push.js';
export type { LokiPushEntry, LokiPushStream } from './parse-loki-push.js';

export type { ExportRecord } from './export-record.js';
export { ExportBatcher } from './export-batcher.js';
export type { ExportBatcherOptions } from './export-batcher.js';
export { buildLokiPushPayload } from './loki-push-payload.js';
export type { LokiPushPayload } from './loki-push-payload.js';
export { buildOtlpLogsPayload } from './otlp-logs-payload.js';
export type {
  OtlpAttribute,
  OtlpLogRecord,
  OtlpLogsPayload,
  OtlpPayloadOptions,
} from './otlp-logs-payload.js';
export { retryDelayMs, sendWithRetry } from './send-with-retry.js';
export type { SendOptions, SendResult } from './send-with-retry.js';
