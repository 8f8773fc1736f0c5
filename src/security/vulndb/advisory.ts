import type { VersionRange } from './evaluate-affected.js';
import type { OsvReference } from './osv-record-schema.js';
import type { AdvisoryRow, Severity } from './record-rows.js';

export type { Severity } from './record-rows.js';

/** A stored OSV advisory, as matches return it. Shared between matches (frozen): do not modify it. */
export interface Advisory {
  readonly id: string;
  readonly modified: string;
  readonly published?: string;
  /** Set when the source withdrew the advisory; withdrawn advisories are kept but never matched. */
  readonly withdrawn?: string;
  readonly summary?: string;
  /** The start of `details` (CommonMark), at most `maxDetailsChars` characters. */
  readonly details?: string;
  readonly aliases: readonly string[];
  /** Upstream ids a distro advisory refers to (`DSA-…` → `CVE-…`). */
  readonly upstream: readonly string[];
  readonly severity: readonly Severity[];
  /** `database_specific.severity` where the source sets it (GHSA: LOW, MODERATE, HIGH, CRITICAL). */
  readonly databaseSeverity?: string;
  /** The first references of the record. */
  readonly references: readonly OsvReference[];
}

/** A package to look up, named as OSV names it. */
export interface PackageQuery {
  /** An OSV ecosystem string: `Debian:12`, `Alpine:v3.20`, `AlmaLinux:9`, `npm`, `PyPI`, `Go` … */
  ecosystem: string;
  /** The installed (binary) package name. */
  name: string;
  version: string;
  /** The source package: dpkg `Source:`, apk `o:` origin, the name in rpm `SOURCERPM`. */
  sourceName?: string;
  /** The source package version when it differs (Debian binNMUs: `1.2-3+b1` built from `1.2-3`). */
  sourceVersion?: string;
}

/** One advisory that affects the queried package, with the evidence. */
export interface VulnMatch {
  advisory: Advisory;
  /** The affected entry that matched, as the advisory names it (`Debian:12` / `openssl`). */
  package: { ecosystem: string; name: string };
  /** Whether the binary name or the source package name found the entry. */
  via: 'name' | 'source';
  /** The version that was compared (the source version when matched through the source package). */
  version: string;
  matchedBy: 'range' | 'versions';
  range?: VersionRange;
  /** Versions that fix it, lowest first; empty when no fix is known. */
  fixed: string[];
  /** `last_affected` bounds at or above the version (no fix known when the advisory was written). */
  lastAffected: string[];
  /** The entry's own severity when present, else the advisory's. */
  severity: readonly Severity[];
}

/** Why a lookup may have found less than it should; counted by `matchAll`. */
export type MatchNote =
  | { code: 'unsupported-ecosystem'; ecosystem: string }
  | { code: 'no-data'; ecosystem: string }
  | { code: 'unknown-release'; ecosystem: string; knownReleases: string[] }
  | { code: 'git-only'; advisoryId: string };

export interface MatchResult {
  matches: VulnMatch[];
  notes: MatchNote[];
}

export function toAdvisory(row: AdvisoryRow): Advisory {
  return {
    id: row.id,
    modified: row.modified,
    ...(row.published === null ? {} : { published: row.published }),
    ...(row.withdrawn === null ? {} : { withdrawn: row.withdrawn }),
    ...(row.summary === null ? {} : { summary: row.summary }),
    ...(row.details === null ? {} : { details: row.details }),
    aliases: JSON.parse(row.aliases) as string[],
    upstream: JSON.parse(row.upstream) as string[],
    severity: JSON.parse(row.severity) as Severity[],
    ...(row.database_severity === null ? {} : { databaseSeverity: row.database_severity }),
    references: JSON.parse(row.refs) as OsvReference[],
  };
}
