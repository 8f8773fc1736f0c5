import { cvssBaseScore, cvssRating, type CvssRating } from './cvss.js';
import { normalizePackageName, splitEcosystem } from './ecosystem-key.js';
import type { VersionRange } from './evaluate-affected.js';
import type { OsvRecord, OsvReference, OsvSeverity } from './osv-record-schema.js';

/** `details` is CommonMark and can run to pages (DHI embeds whole write-ups); the store keeps the start. */
export const maxDetailsChars = 2000;
/** References kept per advisory, in the record's order. */
export const maxReferences = 5;

/** One `severity[]` entry, with the base score and rating computed for CVSS v2 and v3 vectors. */
export interface Severity {
  type: string;
  /** As written: a CVSS vector, or an Ubuntu priority such as `medium`. */
  score: string;
  baseScore?: number;
  rating?: CvssRating;
}

export interface AdvisoryRow {
  id: string;
  modified: string;
  modified_ms: number;
  published: string | null;
  withdrawn: string | null;
  summary: string | null;
  details: string | null;
  aliases: string;
  upstream: string;
  severity: string;
  database_severity: string | null;
  refs: string;
}

export interface AffectedRow {
  ecosystem: string;
  release: string;
  name: string;
  /** JSON of the SEMVER and ECOSYSTEM ranges. */
  ranges: string;
  /** The explicit versions list, deduplicated. */
  versions: string[];
  git_ranges: number;
  severity: string | null;
}

export interface RecordRows {
  advisory: AdvisoryRow;
  affected: AffectedRow[];
  /** GIT ranges dropped: commit ancestry cannot be evaluated against installed packages. */
  gitRanges: number;
}

/**
 * Flattens a validated OSV record into one advisory row and one row per `affected[]` entry that names a
 * package (entries without one cannot be matched and are dropped).
 */
export function recordToRows(record: OsvRecord): RecordRows {
  let gitRanges = 0;
  const affected: AffectedRow[] = [];
  for (const entry of record.affected ?? []) {
    if (entry.package === undefined) continue;
    const { ecosystem, release } = splitEcosystem(entry.package.ecosystem);
    const ranges: VersionRange[] = [];
    for (const range of entry.ranges ?? []) {
      if (range.type === 'GIT') gitRanges++;
      else ranges.push({ type: range.type, events: range.events });
    }
    const git = (entry.ranges ?? []).length - ranges.length;
    affected.push({
      ecosystem,
      release,
      name: normalizePackageName(ecosystem, entry.package.name),
      ranges: JSON.stringify(ranges),
      versions: [...new Set(entry.versions ?? [])],
      git_ranges: git,
      severity: entry.severity === undefined ? null : JSON.stringify(entry.severity.map(toSeverity)),
    });
  }
  const databaseSeverity = record.database_specific?.['severity'];
  return {
    advisory: {
      id: record.id,
      modified: record.modified,
      modified_ms: Date.parse(record.modified),
      published: record.published ?? null,
      withdrawn: record.withdrawn ?? null,
      summary: record.summary?.trim() || null,
      details: trimDetails(record.details),
      aliases: JSON.stringify(record.aliases ?? []),
      upstream: JSON.stringify(record.upstream ?? []),
      severity: JSON.stringify((record.severity ?? []).map(toSeverity)),
      database_severity: typeof databaseSeverity === 'string' ? databaseSeverity : null,
      refs: JSON.stringify((record.references ?? []).slice(0, maxReferences) satisfies OsvReference[]),
    },
    affected,
    gitRanges,
  };
}

function trimDetails(details: string | undefined): string | null {
  const text = details?.trim();
  if (!text) return null;
  return text.length <= maxDetailsChars ? text : `${text.slice(0, maxDetailsChars - 1).trimEnd()}…`;
}

export function toSeverity(severity: OsvSeverity): Severity {
  const baseScore = severity.type.startsWith('CVSS_V') ? cvssBaseScore(severity.score) : undefined;
  return baseScore === undefined
    ? { type: severity.type, score: severity.score }
    : { type: severity.type, score: severity.score, baseScore, rating: cvssRating(baseScore) };
}
