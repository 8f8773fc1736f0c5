/**
 * Suppression of findings: `.berthignore` entries with a reason and an expiry date, and OpenVEX 0.2.0
 * statements. Suppressed findings are returned with the reason, so a report can always count and show them.
 */
export { applySuppressions } from './apply-suppressions.js';
export type { Suppressed, SuppressionResult, SuppressionSources } from './apply-suppressions.js';
export { parseBerthignore } from './parse-berthignore.js';
export { IgnoreEntrySchema } from './ignore-entry.js';
export type { IgnoreEntry } from './ignore-entry.js';
export { parseOpenVex } from './parse-openvex.js';
export { OpenVexDocumentSchema, vexJustifications, vexStatuses } from './vex-document.js';
export type { VexDocument, VexProduct, VexStatement, VexStatus } from './vex-document.js';
export { purlMatches } from './purl-match.js';
