import type { AppSpec } from '../app/index.js';
import { BerthError } from '../errors/index.js';
import type { Db } from './open-store.js';

/**
 * `paused`: a rolling update stopped by its failure policy (update_config.failure_action: pause) or an
 * inconclusive verification; it waits for `berth rollout resume` or `abort`. Stored as text, so adding a
 * status needs no migration.
 */
export type ReleaseStatus = 'pending' | 'active' | 'paused' | 'failed' | 'rolled-back' | 'superseded';

/** An immutable, numbered release: what was asked (spec) and the image each service resolved to. */
export interface Release {
  app: string;
  number: number;
  createdAt: number;
  spec: AppSpec;
  /** Service name -> resolved image id (sha256:...) and repo digest when the image has one. */
  images: Record<string, { id: string; repoDigest?: string }>;
  reason: string;
  status: ReleaseStatus;
  message: string | null;
  /** When every replica of this release was first ready; null if that never happened. */
  verifiedAt: number | null;
  /** The pipeline run whose deploy step created this release, if any. */
  pipelineRun: number | null;
}

export interface AppRecord {
  name: string;
  createdAt: number;
  currentRelease: number | null;
  projectDir: string;
}

interface ReleaseRow {
  app: string;
  number: number;
  created_at: number;
  spec: string;
  images: string;
  reason: string;
  status: ReleaseStatus;
  message: string | null;
  verified_at: number | null;
  pipeline_run: number | null;
}

interface AppRow {
  name: string;
  created_at: number;
  current_release: number | null;
  project_dir: string;
}

const toRelease = (row: ReleaseRow): Release => ({
  app: row.app,
  number: row.number,
  createdAt: row.created_at,
  spec: JSON.parse(row.spec) as AppSpec,
  images: JSON.parse(row.images) as Release['images'],
  reason: row.reason,
  status: row.status,
  message: row.message,
  verifiedAt: row.verified_at,
  pipelineRun: row.pipeline_run,
});

const toApp = (row: AppRow): AppRecord => ({
  name: row.name,
  createdAt: row.created_at,
  currentRelease: row.current_release,
  projectDir: row.project_dir,
});

/** Apps and their releases. Release rows are never updated except for status and message. */
export class ReleaseRepo {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Records a new release and makes it the app's desired state, atomically. */
  create(input: {
    spec: AppSpec;
    images: Release['images'];
    reason: string;
    projectDir: string;
    now?: number;
    pipelineRun?: number;
  }): Release {
    const now = input.now ?? Date.now();
    const app = input.spec.name;
    return this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO apps (name, created_at, current_release, project_dir) VALUES (?, ?, NULL, ?)
           ON CONFLICT(name) DO UPDATE SET project_dir = excluded.project_dir`,
        )
        .run(app, now, input.projectDir);
      const { next } = this.#db
        .prepare('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM releases WHERE app = ?')
        .get(app) as { next: number };
      this.#db
        .prepare(
          `UPDATE releases SET status = 'superseded' WHERE app = ? AND status IN ('pending', 'active', 'paused')`,
        )
        .run(app);
      this.#db
        .prepare(
          `INSERT INTO releases (app, number, created_at, spec, images, reason, status, message, pipeline_run)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', NULL, ?)`,
        )
        .run(
          app,
          next,
          now,
          JSON.stringify(input.spec),
          JSON.stringify(input.images),
          input.reason,
          input.pipelineRun ?? null,
        );
      this.#db.prepare('UPDATE apps SET current_release = ? WHERE name = ?').run(next, app);
      return this.get(app, next);
    })();
  }

  get(app: string, number: number): Release {
    const row = this.#db.prepare('SELECT * FROM releases WHERE app = ? AND number = ?').get(app, number) as
      ReleaseRow | undefined;
    if (!row) {
      throw new BerthError('BERTH_RELEASE_NOT_FOUND', `app "${app}" has no release ${number}`, {
        hint: `List releases with: berth releases ${app}`,
      });
    }
    return toRelease(row);
  }

  list(app: string): Release[] {
    this.getApp(app);
    const rows = this.#db
      .prepare('SELECT * FROM releases WHERE app = ? ORDER BY number DESC')
      .all(app) as ReleaseRow[];
    return rows.map(toRelease);
  }

  findApp(name: string): AppRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM apps WHERE name = ?').get(name) as AppRow | undefined;
    return row ? toApp(row) : undefined;
  }

  getApp(name: string): AppRecord {
    const app = this.findApp(name);
    if (!app) {
      throw new BerthError('BERTH_APP_NOT_FOUND', `no app named "${name}"`, {
        hint: 'List apps with: berth ps',
      });
    }
    return app;
  }

  listApps(): AppRecord[] {
    return (this.#db.prepare('SELECT * FROM apps ORDER BY name').all() as AppRow[]).map(toApp);
  }

  /** The release each deployed app should be running (apps taken down have none). */
  desiredReleases(): Release[] {
    const rows = this.#db
      .prepare(
        `SELECT r.* FROM releases r JOIN apps a ON a.name = r.app AND a.current_release = r.number ORDER BY r.app`,
      )
      .all() as ReleaseRow[];
    return rows.map(toRelease);
  }

  current(app: string): Release | undefined {
    const record = this.getApp(app);
    return record.currentRelease === null ? undefined : this.get(app, record.currentRelease);
  }

  /** Marks a release active and verified (first time all replicas were ready). */
  markVerified(app: string, number: number, now = Date.now()): void {
    this.#db
      .prepare(
        `UPDATE releases SET status = 'active', message = NULL, verified_at = COALESCE(verified_at, ?) WHERE app = ? AND number = ?`,
      )
      .run(now, app, number);
  }

  /** The newest verified release older than `before`: where a rollback goes by default. */
  lastVerified(app: string, before: number): Release | undefined {
    const row = this.#db
      .prepare(
        'SELECT * FROM releases WHERE app = ? AND number < ? AND verified_at IS NOT NULL ORDER BY number DESC LIMIT 1',
      )
      .get(app, before) as ReleaseRow | undefined;
    return row ? toRelease(row) : undefined;
  }

  setStatus(app: string, number: number, status: ReleaseStatus, message: string | null): void {
    this.#db
      .prepare('UPDATE releases SET status = ?, message = ? WHERE app = ? AND number = ?')
      .run(status, message, app, number);
  }

  /** `berth down`: the app keeps its history but no longer has a desired release. */
  markDown(app: string): void {
    this.getApp(app);
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `UPDATE releases SET status = 'superseded' WHERE app = ? AND status IN ('pending', 'active', 'paused')`,
        )
        .run(app);
      this.#db.prepare('UPDATE apps SET current_release = NULL WHERE name = ?').run(app);
    })();
  }
}
