export { failsAt, severityOrder, sortFindings, summarize } from './scan-report.js';
export type { Finding, FindingKind, FindingSeverity, ScanReport } from './scan-report.js';
export { renderTable } from './render-table.js';
