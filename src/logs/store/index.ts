/**
 * The embedded log store (issue 5): label-set streams, compressed time-sorted blocks with token bloom
 * filters, an SQLite index, retention and deletion. See log-store.ts.
 */
export { LogStore } from './log-store.js';
export type { DeleteResult, LogStoreStats, RetentionResult } from './log-store.js';
export type { LabelledLogLine, Labels, LogLine } from './log-line.js';
export type { DeleteOptions, LogStoreOptions, RetentionPolicy, SelectOptions } from './log-store-options.js';
export { SelectResult } from './select-result.js';
export type { SelectStats } from './select-entries.js';
export type { RegexCompiler, StreamSelector } from './stream-selector.js';
export type { CodecName } from './block-codec.js';
