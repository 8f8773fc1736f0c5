/**
 * Runs LogQL against a log store: app scoping, block-skipping literals, incremental log queries and
 * metric queries (issue 5 item 5).
 */
export type { EntrySource, SelectOptions, StoredEntry } from './entry-source.js';
export { appsMatcher, logRangeOf, requiredLiterals, scopeQuery } from './scope-query.js';
export { executeLogQuery, executeMetricQuery } from './execute-query.js';
export type { LogQueryResult, MetricQueryResult } from './execute-query.js';
export { MemoryEntrySource } from './memory-source.js';
