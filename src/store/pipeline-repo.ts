import type { Db } from './open-store.js';

export type RunStatus =
  'queued' | 'running' | 'waiting' | 'success' | 'failure' | 'cancelled' | 'superseded' | 'error';

export const finishedRunStatuses: readonly RunStatus[] = [
  'success',
  'failure',
  'cancelled',
  'superseded',
  'error',
];

/** Where an app's code lives and how its forge is reached (secrets encrypted). */
export interface PipelineSource {
  app: string;
  repoUrl: string;
  branch: string;
  forge: string | null;
  forgeApi: string | null;
  forgeRepo: string | null;
  webhookSecret: Buffer | null;
  forgeToken: Buffer | null;
  pollSeconds: number | null;
  updatedAt: number;
}

/** What started a run. */
export interface RunTrigger {
  event: 'push' | 'tag' | 'manual' | 'cron';
  ref?: string;
  branch?: string;
  tag?: string;
  commit?: string;
  before?: string;
  changedFiles?: string[];
  cron?: string;
  /** Who or what: a forge user, `cron`, `poll`, or the API caller. */
  sender: string;
  deliveryId?: string;
  message?: string;
  /** Events from untrusted sources (forks) run without secrets. */
  trusted: boolean;
}

export interface PipelineRun {
  id: number;
  app: string;
  number: number;
  status: RunStatus;
  event: RunTrigger['event'];
  ref: string | null;
  commit: string | null;
  trigger: RunTrigger;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  message: string | null;
  outputs: Record<string, string>;
}

export interface PipelineStepRecord {
  runId: number;
  variant: string;
  name: string;
  kind: string;
  status: string;
  exitCode: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  message: string | null;
  reports: unknown[] | null;
  artifacts: string[] | null;
  decidedBy: string | null;
}

interface RunRow {
  id: number;
  app: string;
  number: number;
  status: RunStatus;
  event: RunTrigger['event'];
  ref: string | null;
  commit_sha: string | null;
  trigger: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  message: string | null;
  outputs: string | null;
}

const toRun = (r: RunRow): PipelineRun => ({
  id: r.id,
  app: r.app,
  number: r.number,
  status: r.status,
  event: r.event,
  ref: r.ref,
  commit: r.commit_sha,
  trigger: JSON.parse(r.trigger) as RunTrigger,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  message: r.message,
  outputs: r.outputs === null ? {} : (JSON.parse(r.outputs) as Record<string, string>),
});

interface StepRow {
  run_id: number;
  variant: string;
  name: string;
  kind: string;
  status: string;
  exit_code: number | null;
  started_at: number | null;
  finished_at: number | null;
  message: string | null;
  reports: string | null;
  artifacts: string | null;
  decided_by: string | null;
}

const toStep = (r: StepRow): PipelineStepRecord => ({
  runId: r.run_id,
  variant: r.variant,
  name: r.name,
  kind: r.kind,
  status: r.status,
  exitCode: r.exit_code,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  message: r.message,
  reports: r.reports === null ? null : (JSON.parse(r.reports) as unknown[]),
  artifacts: r.artifacts === null ? null : (JSON.parse(r.artifacts) as string[]),
  decidedBy: r.decided_by,
});

/** Pipeline sources, runs and steps, and seen webhook deliveries. */
export class PipelineRepo {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  setSource(source: Omit<PipelineSource, 'updatedAt'>, now = Date.now()): void {
    this.#db
      .prepare(
        `INSERT INTO pipeline_sources (app, repo_url, branch, forge, forge_api, forge_repo, webhook_secret, forge_token, poll_seconds, updated_at)
         VALUES (@app, @repoUrl, @branch, @forge, @forgeApi, @forgeRepo, @webhookSecret, @forgeToken, @pollSeconds, @now)
         ON CONFLICT (app) DO UPDATE SET repo_url = excluded.repo_url, branch = excluded.branch, forge = excluded.forge,
           forge_api = excluded.forge_api, forge_repo = excluded.forge_repo, webhook_secret = excluded.webhook_secret,
           forge_token = excluded.forge_token, poll_seconds = excluded.poll_seconds, updated_at = excluded.updated_at`,
      )
      .run({ ...source, now });
  }

  source(app: string): PipelineSource | undefined {
    const row = this.#db.prepare('SELECT * FROM pipeline_sources WHERE app = ?').get(app) as
      | {
          app: string;
          repo_url: string;
          branch: string;
          forge: string | null;
          forge_api: string | null;
          forge_repo: string | null;
          webhook_secret: Buffer | null;
          forge_token: Buffer | null;
          poll_seconds: number | null;
          updated_at: number;
        }
      | undefined;
    if (!row) return undefined;
    return {
      app: row.app,
      repoUrl: row.repo_url,
      branch: row.branch,
      forge: row.forge,
      forgeApi: row.forge_api,
      forgeRepo: row.forge_repo,
      webhookSecret: row.webhook_secret,
      forgeToken: row.forge_token,
      pollSeconds: row.poll_seconds,
      updatedAt: row.updated_at,
    };
  }

  sources(): PipelineSource[] {
    const apps = this.#db.prepare('SELECT app FROM pipeline_sources ORDER BY app').all() as { app: string }[];
    return apps.flatMap((a) => this.source(a.app) ?? []);
  }

  /** Records a queued run with the app's next run number. */
  createRun(app: string, trigger: RunTrigger, now = Date.now()): PipelineRun {
    return this.#db.transaction(() => {
      const last = this.#db.prepare('SELECT MAX(number) AS n FROM pipeline_runs WHERE app = ?').get(app) as {
        n: number | null;
      };
      const info = this.#db
        .prepare(
          `INSERT INTO pipeline_runs (app, number, status, event, ref, commit_sha, trigger, created_at)
           VALUES (?, ?, 'queued', ?, ?, ?, ?, ?)`,
        )
        .run(
          app,
          (last.n ?? 0) + 1,
          trigger.event,
          trigger.ref ?? null,
          trigger.commit ?? null,
          JSON.stringify(trigger),
          now,
        );
      return this.run(Number(info.lastInsertRowid)) as PipelineRun;
    })();
  }

  run(id: number): PipelineRun | undefined {
    const row = this.#db.prepare('SELECT * FROM pipeline_runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  runByNumber(app: string, number: number): PipelineRun | undefined {
    const row = this.#db
      .prepare('SELECT * FROM pipeline_runs WHERE app = ? AND number = ?')
      .get(app, number) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  runs(app: string, options: { limit?: number; beforeNumber?: number } = {}): PipelineRun[] {
    const rows = this.#db
      .prepare('SELECT * FROM pipeline_runs WHERE app = ? AND number < ? ORDER BY number DESC LIMIT ?')
      .all(app, options.beforeNumber ?? Number.MAX_SAFE_INTEGER, options.limit ?? 50) as RunRow[];
    return rows.map(toRun);
  }

  runsWithStatus(statuses: readonly RunStatus[]): PipelineRun[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM pipeline_runs WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY id`,
      )
      .all(...statuses) as RunRow[];
    return rows.map(toRun);
  }

  updateRun(
    id: number,
    fields: Partial<
      Pick<PipelineRun, 'status' | 'commit' | 'startedAt' | 'finishedAt' | 'message' | 'outputs'>
    >,
  ): void {
    const columns: Record<string, unknown> = {};
    if (fields.status !== undefined) columns['status'] = fields.status;
    if (fields.commit !== undefined) columns['commit_sha'] = fields.commit;
    if (fields.startedAt !== undefined) columns['started_at'] = fields.startedAt;
    if (fields.finishedAt !== undefined) columns['finished_at'] = fields.finishedAt;
    if (fields.message !== undefined) columns['message'] = fields.message;
    if (fields.outputs !== undefined) columns['outputs'] = JSON.stringify(fields.outputs);
    const keys = Object.keys(columns);
    if (keys.length === 0) return;
    this.#db
      .prepare(`UPDATE pipeline_runs SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`)
      .run({ ...columns, id });
  }

  upsertStep(step: PipelineStepRecord): void {
    this.#db
      .prepare(
        `INSERT INTO pipeline_steps (run_id, variant, name, kind, status, exit_code, started_at, finished_at, message, reports, artifacts, decided_by)
         VALUES (@runId, @variant, @name, @kind, @status, @exitCode, @startedAt, @finishedAt, @message, @reports, @artifacts, @decidedBy)
         ON CONFLICT (run_id, variant, name) DO UPDATE SET status = excluded.status, exit_code = excluded.exit_code,
           started_at = COALESCE(excluded.started_at, started_at), finished_at = excluded.finished_at,
           message = excluded.message, reports = excluded.reports, artifacts = excluded.artifacts,
           decided_by = COALESCE(excluded.decided_by, decided_by)`,
      )
      .run({
        ...step,
        reports: step.reports === null ? null : JSON.stringify(step.reports),
        artifacts: step.artifacts === null ? null : JSON.stringify(step.artifacts),
      });
  }

  steps(runId: number): PipelineStepRecord[] {
    return (
      this.#db
        .prepare(
          'SELECT * FROM pipeline_steps WHERE run_id = ? ORDER BY started_at IS NULL, started_at, name',
        )
        .all(runId) as StepRow[]
    ).map(toStep);
  }

  /** True the first time a delivery key is seen (atomic); later calls with the same key are false. */
  claimDelivery(key: string, now = Date.now()): boolean {
    const claimed =
      this.#db.prepare('INSERT OR IGNORE INTO webhook_deliveries (key, at) VALUES (?, ?)').run(key, now)
        .changes > 0;
    if (claimed && Math.random() < 0.01) {
      this.#db.prepare('DELETE FROM webhook_deliveries WHERE at < ?').run(now - 30 * 86_400_000);
    }
    return claimed;
  }
}
