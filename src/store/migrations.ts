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
  {
    version: 5,
    sql: `
      -- Pipelines (issue 6): where each app's code lives, runs, their steps, encrypted secrets and
      -- the webhook deliveries already seen (a redelivered hook creates no second run).
      CREATE TABLE pipeline_sources (
        app TEXT PRIMARY KEY,
        repo_url TEXT NOT NULL,
        branch TEXT NOT NULL,
        forge TEXT,
        forge_api TEXT,
        forge_repo TEXT,
        webhook_secret BLOB,
        forge_token BLOB,
        poll_seconds INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE pipeline_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        app TEXT NOT NULL,
        number INTEGER NOT NULL,
        status TEXT NOT NULL,
        event TEXT NOT NULL,
        ref TEXT,
        commit_sha TEXT,
        trigger TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        message TEXT,
        outputs TEXT,
        UNIQUE (app, number)
      );
      CREATE INDEX pipeline_runs_status ON pipeline_runs(status);
      CREATE TABLE pipeline_steps (
        run_id INTEGER NOT NULL REFERENCES pipeline_runs(id) ON DELETE CASCADE,
        variant TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        exit_code INTEGER,
        started_at INTEGER,
        finished_at INTEGER,
        message TEXT,
        reports TEXT,
        artifacts TEXT,
        decided_by TEXT,
        PRIMARY KEY (run_id, variant, name)
      );
      CREATE TABLE secrets (
        app TEXT NOT NULL,
        name TEXT NOT NULL,
        value BLOB NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (app, name)
      );
      CREATE TABLE webhook_deliveries (
        key TEXT PRIMARY KEY,
        at INTEGER NOT NULL
      );
      -- A release a pipeline's deploy step created links to its run.
      ALTER TABLE releases ADD COLUMN pipeline_run INTEGER;
    `,
  },
  {
    version: 6,
    sql: `
      -- Users, roles and API tokens (issue 7); tokens and sessions are stored as SHA-256 hashes.
      CREATE TABLE users (
        name TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL,
        apps TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        last_used_at INTEGER,
        revoked_at INTEGER
      );
      -- Append-only: who did what, when, from where, and the outcome.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        outcome TEXT NOT NULL,
        source TEXT,
        details TEXT
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
];
