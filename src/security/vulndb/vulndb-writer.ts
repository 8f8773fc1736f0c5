import type Database from 'better-sqlite3';
import type { AdvisoryRow, AffectedRow, RecordRows } from './record-rows.js';

/** What `write` did with a record: stored (new or newer) or skipped (nothing newer than the store). */
export type WriteOutcome = 'imported' | 'skipped';

/**
 * The incremental upsert of one record. An OSV id names one advisory, but Docker Hardened Images publishes
 * one file per component under the same CVE id, so affected entries are kept per (id, package) with the
 * `modified` and source file that wrote them:
 * - a record newer than the stored advisory replaces the advisory fields and every entry its own file
 *   stored before (so a package dropped from a record disappears);
 * - each package the record names replaces the stored entries of that (id, package) when newer, or is
 *   added when the id had none for it.
 */
export class VulnDbWriter {
  readonly #storedModified: Database.Statement<[string], { modified_ms: number }>;
  readonly #upsertAdvisory: Database.Statement<AdvisoryRow>;
  readonly #deleteSource: Database.Statement<[string, string]>;
  readonly #packageModified: Database.Statement<[string, string, string, string], { m: number | null }>;
  readonly #deletePackage: Database.Statement<[string, string, string, string]>;
  readonly #insertAffected: Database.Statement<
    Omit<AffectedRow, 'versions'> & {
      advisory_id: string;
      source: string;
      modified_ms: number;
      withdrawn: number;
      versions: number;
    }
  >;
  readonly #insertVersion: Database.Statement<[number | bigint, string, string, string]>;
  readonly #insertRelease: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.#storedModified = db.prepare('SELECT modified_ms FROM advisories WHERE id = ?');
    this.#upsertAdvisory = db.prepare(
      `INSERT OR REPLACE INTO advisories
         (id, modified, modified_ms, published, withdrawn, summary, details, aliases, upstream, severity, database_severity, refs)
       VALUES (@id, @modified, @modified_ms, @published, @withdrawn, @summary, @details, @aliases, @upstream, @severity, @database_severity, @refs)`,
    );
    this.#deleteSource = db.prepare('DELETE FROM affected WHERE advisory_id = ? AND source = ?');
    const samePackage = 'advisory_id = ? AND ecosystem = ? AND release = ? AND name = ?';
    this.#packageModified = db.prepare(`SELECT max(modified_ms) AS m FROM affected WHERE ${samePackage}`);
    this.#deletePackage = db.prepare(`DELETE FROM affected WHERE ${samePackage}`);
    this.#insertAffected = db.prepare(
      `INSERT INTO affected
         (advisory_id, ecosystem, release, name, source, modified_ms, withdrawn, ranges, versions, git_ranges, severity)
       VALUES (@advisory_id, @ecosystem, @release, @name, @source, @modified_ms, @withdrawn, @ranges, @versions, @git_ranges, @severity)`,
    );
    this.#insertVersion = db.prepare(
      'INSERT OR IGNORE INTO affected_versions (entry, ecosystem, name, version) VALUES (?, ?, ?, ?)',
    );
    this.#insertRelease = db.prepare('INSERT OR IGNORE INTO releases (ecosystem, release) VALUES (?, ?)');
  }

  /** Call inside a transaction. */
  write(rows: RecordRows, source: string): WriteOutcome {
    const { advisory } = rows;
    const stored = this.#storedModified.get(advisory.id);
    let changed = false;
    if (stored === undefined || advisory.modified_ms > stored.modified_ms) {
      this.#upsertAdvisory.run(advisory);
      this.#deleteSource.run(advisory.id, source);
      changed = true;
    }
    for (const entries of groupByPackage(rows.affected)) {
      const [first] = entries;
      if (first === undefined) continue;
      const key = [advisory.id, first.ecosystem, first.release, first.name] as const;
      const current = this.#packageModified.get(...key)?.m ?? null;
      if (current !== null && advisory.modified_ms <= current) continue;
      this.#deletePackage.run(...key);
      for (const entry of entries) {
        const { lastInsertRowid } = this.#insertAffected.run({
          ...entry,
          advisory_id: advisory.id,
          source,
          modified_ms: advisory.modified_ms,
          withdrawn: advisory.withdrawn === null ? 0 : 1,
          versions: entry.versions.length,
        });
        for (const version of entry.versions) {
          this.#insertVersion.run(lastInsertRowid, entry.ecosystem, entry.name, version);
        }
        this.#insertRelease.run(entry.ecosystem, entry.release);
      }
      changed = true;
    }
    return changed ? 'imported' : 'skipped';
  }
}

/** Affected entries grouped by package, in first-seen order (a record may list one package twice). */
function groupByPackage(entries: readonly AffectedRow[]): AffectedRow[][] {
  const groups = new Map<string, AffectedRow[]>();
  for (const entry of entries) {
    const key = `${entry.ecosystem}\0${entry.release}\0${entry.name}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [entry]);
    else group.push(entry);
  }
  return [...groups.values()];
}
