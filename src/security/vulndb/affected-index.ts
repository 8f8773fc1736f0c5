import type Database from 'better-sqlite3';
import { compareVersions } from '../versions/index.js';
import { sortRange, type VersionRange } from './evaluate-affected.js';
import type { Severity } from './record-rows.js';

/** One stored affected entry, parsed and with its events sorted, ready to evaluate. */
export interface IndexedEntry {
  /** The row id, which `listing` returns for entries whose versions list names a version. */
  entry: number;
  advisoryId: string;
  /** As the advisory wrote it: `Debian:12`, `PyPI`. */
  ecosystem: string;
  name: string;
  /** SEMVER and ECOSYSTEM ranges, events sorted. */
  ranges: readonly VersionRange[];
  /** Length of the explicit versions list. */
  versions: number;
  gitRanges: number;
  severity?: Severity[];
}

interface EntryRow {
  entry: number;
  advisory_id: string;
  ecosystem: string;
  release: string;
  name: string;
  ranges: string;
  versions: number;
  git_ranges: number;
  severity: string | null;
}

/** Packages kept parsed in memory between writes; scans look the same packages up again and again. */
const cacheLimit = 50_000;

/**
 * The non-withdrawn affected entries of a package, read from the `affected` table and cached by package
 * until {@link AffectedIndex.invalidate} (called after every write).
 */
export class AffectedIndex {
  readonly #anyRelease: Database.Statement<[string, string], EntryRow>;
  readonly #oneRelease: Database.Statement<[string, string, string], EntryRow>;
  readonly #listing: Database.Statement<[string, string, string], { entry: number }>;
  readonly #cache = new Map<string, readonly IndexedEntry[]>();

  constructor(db: Database.Database) {
    const select =
      'SELECT rowid AS entry, advisory_id, ecosystem, release, name, ranges, versions, git_ranges, severity FROM affected ' +
      'WHERE ecosystem = ? AND name = ? AND withdrawn = 0';
    this.#anyRelease = db.prepare(select);
    this.#oneRelease = db.prepare(`${select} AND release = ?`);
    this.#listing = db.prepare(
      'SELECT entry FROM affected_versions WHERE ecosystem = ? AND name = ? AND version = ?',
    );
  }

  /** The entries (row ids) of `ecosystem`/`name` whose explicit versions list holds exactly `version`. */
  listing(ecosystem: string, name: string, version: string): Set<number> {
    return new Set(this.#listing.all(ecosystem, name, version).map((row) => row.entry));
  }

  /** Entries for `ecosystem`/`name`; only those of `release` when it is given (OS packages). */
  entries(ecosystem: string, name: string, release: string | undefined): readonly IndexedEntry[] {
    const key = `${ecosystem}\0${name}\0${release ?? '\0'}`;
    let entries = this.#cache.get(key);
    if (entries === undefined) {
      const rows =
        release === undefined
          ? this.#anyRelease.all(ecosystem, name)
          : this.#oneRelease.all(ecosystem, name, release);
      entries = rows.map((row) => toEntry(row));
      if (this.#cache.size >= cacheLimit) this.#cache.clear();
      this.#cache.set(key, entries);
    }
    return entries;
  }

  invalidate(): void {
    this.#cache.clear();
  }
}

function toEntry(row: EntryRow): IndexedEntry {
  const compare = (a: string, b: string) => compareVersions(row.ecosystem, a, b);
  return {
    entry: row.entry,
    advisoryId: row.advisory_id,
    ecosystem: row.release === '' ? row.ecosystem : `${row.ecosystem}:${row.release}`,
    name: row.name,
    ranges: (JSON.parse(row.ranges) as VersionRange[]).map((range) => sortRange(range, compare)),
    versions: row.versions,
    gitRanges: row.git_ranges,
    ...(row.severity === null ? {} : { severity: JSON.parse(row.severity) as Severity[] }),
  };
}
