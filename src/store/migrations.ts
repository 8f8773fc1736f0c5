/**
 * Schema migrations, applied in order inside one transaction each. Never edit a shipped migration:
 * append a new one (docs/decisions/0003-sqlite-store.md).
 */
export const migrations: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE apps (
        name TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        current_release INTEGER,
        project_dir TEXT NOT NULL
      );
      CREATE TABLE releases (
        app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        spec TEXT NOT NULL,
        images TEXT NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL,
        message TEXT,
        PRIMARY KEY (app, number)
      );
      CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        app TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        data TEXT
      );
      CREATE INDEX events_app_at ON events(app, at);
    `,
  },
  {
    version: 2,
    sql: `
      -- When a release first had every replica ready; rollbacks go back to releases that were verified.
      ALTER TABLE releases ADD COLUMN verified_at INTEGER;
    `,
  },
  {
    version: 3,
    sql: `
      -- Image scan reports by image id; the SBOM is kept so findings can be re-matched when the
      -- vulnerability database changes, without reading the image again.
      CREATE TABLE scan_reports (
        image_id TEXT PRIMARY KEY,
        reference TEXT NOT NULL,
        scanned_at INTEGER NOT NULL,
        matched_at INTEGER NOT NULL,
        db_version TEXT,
        sbom TEXT NOT NULL,
        findings TEXT NOT NULL,
        warnings TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    sql: `
      -- Container metrics (issue 5 item 8): one row per replica every sampling interval (10 s).
      -- CPU in cores averaged over the interval; network and block I/O as bytes per second.
      CREATE TABLE metric_samples (
        app TEXT NOT NULL,
        service TEXT NOT NULL,
        replica TEXT NOT NULL,
        at INTEGER NOT NULL,
        cpu_cores REAL NOT NULL,
        memory_bytes INTEGER NOT NULL,
        memory_limit_bytes INTEGER,
        net_rx_bps REAL NOT NULL,
        net_tx_bps REAL NOT NULL,
        blk_read_bps REAL NOT NULL,
        blk_write_bps REAL NOT NULL
      );
      CREATE INDEX metric_samples_app_at ON metric_samples(app, at);
    `,
  },
];
