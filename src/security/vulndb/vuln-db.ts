import type Database from 'better-sqlite3';
import { compareVersions, isSupportedEcosystem } from '../versions/index.js';
import {
  toAdvisory,
  type Advisory,
  type MatchNote,
  type MatchResult,
  type PackageQuery,
  type VulnMatch,
} from './advisory.js';
import { isOsEcosystem, lookupNames, normalizeVersion, splitEcosystem } from './ecosystem-key.js';
import { AffectedIndex } from './affected-index.js';
import { evaluateSortedRanges, type AffectedVerdict } from './evaluate-affected.js';
import type { OsvRecord } from './osv-record-schema.js';
import { recordToRows, type AdvisoryRow } from './record-rows.js';
import { openVulnDbFile } from './open-vulndb-file.js';
import { VulnDbWriter, type WriteOutcome } from './vulndb-writer.js';

export interface VulnDbStats {
  advisories: number;
  withdrawn: number;
  /** Stored affected entries per ecosystem string (`Debian:12`, `PyPI` …). */
  affected: Record<string, number>;
  /** The newest `modified` of any advisory. */
  newestModified?: string;
}

/** Conditional-request state of one downloaded export. */
export interface FeedState {
  etag?: string;
  lastModified?: string;
  fetchedAt: number;
}

/** The database file under `$BERTH_HOME`, apart from Berth's state database. */
export const vulnDbFileName = 'vulndb.sqlite';

const defaultMaxAgeMs = 7 * 24 * 3600_000;
/** Advisories kept parsed in memory between writes. */
const cacheLimit = 50_000;

/**
 * The local OSV vulnerability database: a SQLite file (WAL) apart from Berth's state database, filled by
 * `importOsv` and queried by {@link VulnDb.match}.
 *
 * @example
 * const db = new VulnDb(join(config.home, vulnDbFileName));
 * db.match({ ecosystem: 'Debian:12', name: 'libssl3', sourceName: 'openssl', version: '3.0.11-1~deb12u2' });
 */
export class VulnDb {
  readonly path: string;
  readonly #db: Database.Database;
  /** Prepared on the first write: a scan only reads (8 statements it would prepare for nothing). */
  #writer: VulnDbWriter | undefined;
  readonly #index: AffectedIndex;
  readonly #advisory: Database.Statement<[string], AdvisoryRow>;
  #advisories = new Map<string, Advisory>();
  #releases: Map<string, Set<string>> | undefined;

  constructor(path: string) {
    this.path = path;
    this.#db = openVulnDbFile(path);
    this.#index = new AffectedIndex(this.#db);
    this.#advisory = this.#db.prepare('SELECT * FROM advisories WHERE id = ?');
  }

  close(): void {
    this.#db.close();
  }

  /**
   * Stores records in one transaction, each keyed by its id and `source` (the file it came from). A record
   * replaces what the same source stored for its id when its `modified` is newer; otherwise it only adds
   * packages not yet stored for that id. Returns what happened to each record, in order.
   */
  write(batch: readonly { record: OsvRecord; source: string }[]): WriteOutcome[] {
    const writer = (this.#writer ??= new VulnDbWriter(this.#db));
    const outcomes = this.#db.transaction(() =>
      batch.map(({ record, source }) => writer.write(recordToRows(record), source)),
    )();
    this.#index.invalidate();
    this.#advisories.clear();
    this.#releases = undefined;
    return outcomes;
  }

  /**
   * The advisories affecting one installed package, by the OSV evaluation rules. OS packages match only
   * entries of the same distribution release, by source package; withdrawn advisories never match.
   *
   * @example
   * db.match({ ecosystem: 'PyPI', name: 'Jinja2', version: '2.10' }).matches.map((m) => m.advisory.id);
   */
  match(query: PackageQuery): MatchResult {
    const { ecosystem, release } = splitEcosystem(query.ecosystem);
    if (!isSupportedEcosystem(ecosystem)) {
      return { matches: [], notes: [{ code: 'unsupported-ecosystem', ecosystem: query.ecosystem }] };
    }
    const os = isOsEcosystem(ecosystem);
    const compare = (a: string, b: string) => compareVersions(ecosystem, a, b);
    const matches = new Map<string, VulnMatch>();
    const notes: MatchNote[] = [];
    for (const lookup of lookupNames(ecosystem, query.name, query.sourceName)) {
      const installed = lookup.via === 'source' ? (query.sourceVersion ?? query.version) : query.version;
      const version = normalizeVersion(ecosystem, lookup.name, installed);
      let listed: Set<number> | undefined;
      for (const entry of this.#index.entries(ecosystem, lookup.name, os ? release : undefined)) {
        if (matches.has(entry.advisoryId)) continue;
        if (entry.ranges.length === 0 && entry.versions === 0) {
          if (entry.gitRanges > 0) notes.push({ code: 'git-only', advisoryId: entry.advisoryId });
          continue;
        }
        // IsVulnerable: in some range, or named by the versions list (one index probe for all entries).
        let verdict: AffectedVerdict | undefined = evaluateSortedRanges(version, entry.ranges, compare);
        if (verdict === undefined && entry.versions > 0) {
          listed ??= this.#index.listing(ecosystem, lookup.name, version);
          if (listed.has(entry.entry)) verdict = { matchedBy: 'versions', fixed: [], lastAffected: [] };
        }
        if (verdict === undefined) continue;
        const advisory = this.advisory(entry.advisoryId);
        if (advisory === undefined) continue;
        matches.set(entry.advisoryId, {
          advisory,
          package: { ecosystem: entry.ecosystem, name: entry.name },
          via: lookup.via,
          version,
          ...verdict,
          severity: entry.severity ?? advisory.severity,
        });
      }
    }
    const coverage = this.#coverageNote(ecosystem, release, os);
    if (coverage !== undefined) notes.push(coverage);
    return { matches: [...matches.values()], notes };
  }

  /** {@link VulnDb.match} over many packages, with the notes counted by code. */
  matchAll(queries: Iterable<PackageQuery>): {
    results: MatchResult[];
    noteCounts: Partial<Record<MatchNote['code'], number>>;
  } {
    const results: MatchResult[] = [];
    const noteCounts: Partial<Record<MatchNote['code'], number>> = {};
    for (const query of queries) {
      const result = this.match(query);
      results.push(result);
      for (const note of result.notes) noteCounts[note.code] = (noteCounts[note.code] ?? 0) + 1;
    }
    return { results, noteCounts };
  }

  advisory(id: string): Advisory | undefined {
    let advisory = this.#advisories.get(id);
    if (advisory === undefined) {
      const row = this.#advisory.get(id);
      if (row === undefined) return undefined;
      // Shared by every match until the next write, so frozen.
      advisory = Object.freeze(toAdvisory(row));
      if (this.#advisories.size >= cacheLimit) this.#advisories.clear();
      this.#advisories.set(id, advisory);
    }
    return advisory;
  }

  stats(): VulnDbStats {
    const counts = this.#db
      .prepare<[], { advisories: number; withdrawn: number; newest: string | null }>(
        `SELECT count(*) AS advisories, count(withdrawn) AS withdrawn,
                (SELECT modified FROM advisories ORDER BY modified_ms DESC LIMIT 1) AS newest
         FROM advisories`,
      )
      .get() ?? { advisories: 0, withdrawn: 0, newest: null };
    const affected: Record<string, number> = {};
    const rows = this.#db
      .prepare<[], { ecosystem: string; release: string; n: number }>(
        'SELECT ecosystem, release, count(*) AS n FROM affected GROUP BY ecosystem, release ORDER BY 1, 2',
      )
      .all();
    for (const row of rows)
      affected[row.release === '' ? row.ecosystem : `${row.ecosystem}:${row.release}`] = row.n;
    return {
      advisories: counts.advisories,
      withdrawn: counts.withdrawn,
      affected,
      ...(counts.newest === null ? {} : { newestModified: counts.newest }),
    };
  }

  /**
   * A warning for `--offline` runs when the newest advisory is older than `maxAgeMs` (default 7 days) or the
   * database is empty; undefined when the data is fresh.
   *
   * @example
   * const warning = db.ageWarning(new Date()); // 'vulnerability data is 12 days old (newest advisory …)'
   */
  ageWarning(now: Date, maxAgeMs = defaultMaxAgeMs): string | undefined {
    const newest = this.#db
      .prepare<[], { modified: string }>('SELECT modified FROM advisories ORDER BY modified_ms DESC LIMIT 1')
      .get()?.modified;
    if (newest === undefined) {
      return `the vulnerability database "${this.path}" is empty: import OSV data before scanning`;
    }
    const ageMs = now.getTime() - Date.parse(newest);
    if (ageMs <= maxAgeMs) return undefined;
    const days = Math.floor(ageMs / (24 * 3600_000));
    return `vulnerability data is ${days} days old (newest advisory modified ${newest}): findings may be missing; update the database when online`;
  }

  feedState(url: string): FeedState | undefined {
    const row = this.#db
      .prepare<[string], { etag: string | null; last_modified: string | null; fetched_at: number }>(
        'SELECT etag, last_modified, fetched_at FROM feeds WHERE url = ?',
      )
      .get(url);
    if (row === undefined) return undefined;
    return {
      ...(row.etag === null ? {} : { etag: row.etag }),
      ...(row.last_modified === null ? {} : { lastModified: row.last_modified }),
      fetchedAt: row.fetched_at,
    };
  }

  saveFeedState(url: string, state: FeedState): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO feeds (url, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?)')
      .run(url, state.etag ?? null, state.lastModified ?? null, state.fetchedAt);
  }

  /** Says when the database cannot answer: no data for the ecosystem, or not for this OS release. */
  #coverageNote(ecosystem: string, release: string, os: boolean): MatchNote | undefined {
    this.#releases ??= this.#loadReleases();
    const known = this.#releases.get(ecosystem);
    if (known === undefined) return { code: 'no-data', ecosystem };
    if (os && !known.has(release)) {
      return {
        code: 'unknown-release',
        ecosystem: release === '' ? ecosystem : `${ecosystem}:${release}`,
        knownReleases: [...known].sort(),
      };
    }
    return undefined;
  }

  #loadReleases(): Map<string, Set<string>> {
    const map = new Map<string, Set<string>>();
    const rows = this.#db
      .prepare<[], { ecosystem: string; release: string }>('SELECT ecosystem, release FROM releases')
      .all();
    for (const { ecosystem, release } of rows) {
      let set = map.get(ecosystem);
      if (set === undefined) map.set(ecosystem, (set = new Set()));
      set.add(release);
    }
    return map;
  }
}
