/** The daemon's log pillar: store, collection, queries, live tail, patterns, anomalies, alerts. */
export { LogService, parseQuery } from './log-service.js';
export type { LogServiceOptions, QueryRequest, TailEntry } from './log-service.js';
export { PatternTracker } from './pattern-tracker.js';
export type { PatternView } from './pattern-tracker.js';
export { LogExporter, parseExportTargets } from './log-exporter.js';
export type { ExportTarget } from './log-exporter.js';
