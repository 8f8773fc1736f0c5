/**
 * Schema of the vulnerability database, applied in order by `PRAGMA user_version`. Never edit a shipped
 * migration: append one. The database is a cache of public data, so a future migration may also simply
 * drop everything and ask for a re-import.
 */
export const vulnDbMigrations: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      -- One row per OSV id. JSON columns hold arrays; modified_ms orders incremental imports.
      CREATE TABLE advisories (
        id TEXT PRIMARY KEY,
        modified TEXT NOT NULL,
        modified_ms INTEGER NOT NULL,
        published TEXT,
        withdrawn TEXT,
        summary TEXT,
        details TEXT,
        aliases TEXT NOT NULL,
        upstream TEXT NOT NULL,
        severity TEXT NOT NULL,
        database_severity TEXT,
        refs TEXT NOT NULL
      ) STRICT;

      -- One row per affected[] entry. ecosystem is the name before ':', release the rest ('' if none);
      -- ranges is the JSON of its SEMVER/ECOSYSTEM ranges, versions the length of its versions[] list.
      -- source is the file the entry came from and modified_ms that file's modified time: some feeds
      -- (Docker Hardened Images) publish one file per component under the same CVE id.
      CREATE TABLE affected (
        advisory_id TEXT NOT NULL,
        ecosystem TEXT NOT NULL,
        release TEXT NOT NULL,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        modified_ms INTEGER NOT NULL,
        withdrawn INTEGER NOT NULL,
        ranges TEXT NOT NULL,
        versions INTEGER NOT NULL,
        git_ranges INTEGER NOT NULL,
        severity TEXT
      ) STRICT;
      CREATE INDEX affected_package ON affected (ecosystem, name, release);
      CREATE INDEX affected_advisory ON affected (advisory_id, ecosystem, release, name);

      -- The explicit versions[] lists, one row per version, so that a lookup is one index probe however
      -- long the list (PyPI and GHSA lists run to hundreds). entry is the affected rowid.
      CREATE TABLE affected_versions (
        entry INTEGER NOT NULL,
        ecosystem TEXT NOT NULL,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        PRIMARY KEY (entry, version)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX affected_versions_lookup ON affected_versions (ecosystem, name, version);
      CREATE TRIGGER affected_versions_cleanup AFTER DELETE ON affected BEGIN
        DELETE FROM affected_versions WHERE entry = old.rowid;
      END;

      -- Releases seen per OS ecosystem, to tell "no advisories" from "release not in the database".
      CREATE TABLE releases (
        ecosystem TEXT NOT NULL,
        release TEXT NOT NULL,
        PRIMARY KEY (ecosystem, release)
      ) STRICT, WITHOUT ROWID;

      -- HTTP validators of downloaded exports, for conditional requests.
      CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        fetched_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    sql: `
      -- The newest advisory, asked by every scan for its staleness warning (VulnDb.ageWarning): without
      -- this index SQLite reads the whole table, ~30 ms of a 0.4 s image scan (bench/scan.ts, issue 4).
      CREATE INDEX advisories_modified ON advisories (modified_ms);
    `,
  },
];
