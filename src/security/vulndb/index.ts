/**
 * The local OSV vulnerability database: import OSV records (directories, `.zip` exports, URLs of a
 * mirror), keep them in SQLite, and match installed packages by the OSV evaluation rules with each
 * ecosystem's own version order.
 *
 * @example
 * const db = new VulnDb(join(config.home, vulnDbFileName));
 * await importOsv(db, osvExportUrls(['Debian', 'npm'], mirror), { signal });
 * const { matches } = db.match({ ecosystem: 'Debian:12', name: 'libssl3', sourceName: 'openssl', version: '3.0.11-1~deb12u2' });
 */
export { VulnDb, vulnDbFileName } from './vuln-db.js';
export type { FeedState, VulnDbStats } from './vuln-db.js';
export type { Advisory, MatchNote, MatchResult, PackageQuery, Severity, VulnMatch } from './advisory.js';
export type { WriteOutcome } from './vulndb-writer.js';
export { importOsv } from './import-osv.js';
export type {
  ImportOsvOptions,
  ImportProgress,
  ImportReport,
  ImportSource,
  InvalidFile,
} from './import-osv.js';
export { defaultOsvEcosystems, defaultOsvMirror, osvExportUrls } from './download-feed.js';
export {
  OsvAffectedSchema,
  OsvEventSchema,
  OsvRangeSchema,
  OsvRecordSchema,
  OsvReferenceSchema,
  OsvSeveritySchema,
} from './osv-record-schema.js';
export type {
  OsvAffected,
  OsvEvent,
  OsvRange,
  OsvRecord,
  OsvReference,
  OsvSeverity,
} from './osv-record-schema.js';
export { evaluateAffected, includedInRange, sortEvents } from './evaluate-affected.js';
export type {
  AffectedVerdict,
  AffectedVersions,
  CompareVersions,
  VersionRange,
} from './evaluate-affected.js';
export { alpineSecdbToOsv, AlpineSecdbSchema } from './alpine-secdb.js';
export type { AlpineSecdb } from './alpine-secdb.js';
export { cvssBaseScore, cvssRating, cvssVersionOf } from './cvss.js';
export type { CvssRating, CvssVersion } from './cvss.js';
export { advisorySeverity, preferredCvss } from './advisory-severity.js';
export type { AdvisorySeverity, CvssScore } from './advisory-severity.js';
