import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { forgeTokenName, type SecretBox } from '../../secrets/index.js';
import type { RunTrigger, Store } from '../../store/index.js';
import { CronScheduler, RemotePoller, type CronJob, type RefChange } from '../source/index.js';
import type { CronEntry } from '../spec/index.js';

interface AppCronJob extends CronJob {
  app: string;
  name: string;
  branch?: string;
}

export interface PipelineTriggersDeps {
  store: Store;
  secretBox: SecretBox;
  logger: Logger;
  /** `$BERTH_HOME/pipelines`: remembers each app's cron entries and polled heads across restarts. */
  dir: string;
  enqueue: (app: string, trigger: RunTrigger) => void;
}

/**
 * The triggers that come from Berth itself (issue 6): the `cron` entries of each app's pipeline file
 * on its default branch (learned from the last run of that branch), and polling of the git remote for
 * apps set up with `pollSeconds` (no webhook needed).
 */
export class PipelineTriggers {
  readonly #deps: PipelineTriggersDeps;
  readonly #cron: CronScheduler<AppCronJob>;
  readonly #poller: RemotePoller;
  readonly #cronEntries = new Map<string, readonly CronEntry[]>();

  constructor(deps: PipelineTriggersDeps) {
    this.#deps = deps;
    this.#cron = new CronScheduler<AppCronJob>({
      onFire: (job) => this.#fireCron(job),
      onError: (job, error) =>
        deps.logger.warn({ err: error, app: job.app, cron: job.name }, 'cron trigger failed'),
    });
    this.#poller = new RemotePoller({
      onChanges: (app, changes, heads) => {
        this.#onPushes(app, changes);
        this.#write(app, 'heads.json', Object.fromEntries(heads));
      },
      onError: (app, error) => deps.logger.warn({ err: error, app }, 'polling the git remote failed'),
    });
  }

  start(): void {
    for (const source of this.#deps.store.pipelines.sources()) {
      const saved = this.#read<CronEntry[]>(source.app, 'cron.json');
      if (saved) this.#cronEntries.set(source.app, saved);
    }
    this.refresh();
    this.#cron.start();
    this.#poller.start();
  }

  stop(): void {
    this.#cron.stop();
    this.#poller.stop();
  }

  /** A run of the app's default branch loaded its pipeline file: its cron entries take effect. */
  learnCron(app: string, entries: readonly CronEntry[]): void {
    this.#cronEntries.set(app, entries);
    this.#write(app, 'cron.json', entries);
    this.refresh();
  }

  /** The cron jobs in effect with their next fire time. */
  cronJobs(): { key: string; at: Date }[] {
    return this.#cron.upcoming();
  }

  /** Re-reads sources (after `pipeline setup`) and the known cron entries. */
  refresh(): void {
    const sources = this.#deps.store.pipelines.sources();
    const jobs: AppCronJob[] = [];
    for (const source of sources) {
      for (const entry of this.#cronEntries.get(source.app) ?? []) {
        jobs.push({
          key: `${source.app}/${entry.name}`,
          schedule: entry.schedule,
          app: source.app,
          name: entry.name,
          ...(entry.branch ? { branch: entry.branch } : {}),
        });
      }
    }
    this.#cron.set(jobs);
    this.#poller.set(
      sources
        .filter((s) => s.pollSeconds !== null)
        .map((s) => {
          const heads = this.#read<Record<string, string>>(s.app, 'heads.json');
          const token = s.forgeToken
            ? this.#deps.secretBox.decrypt(s.app, forgeTokenName, s.forgeToken)
            : undefined;
          return {
            key: s.app,
            repoUrl: s.repoUrl,
            intervalMs: (s.pollSeconds ?? 60) * 1000,
            ...(heads ? { heads: new Map(Object.entries(heads)) } : {}),
            ...(token ? { credentials: { token } } : {}),
          };
        }),
    );
  }

  #fireCron(job: AppCronJob): void {
    const source = this.#deps.store.pipelines.source(job.app);
    if (!source) return;
    const branch = job.branch ?? source.branch;
    this.#deps.enqueue(job.app, {
      event: 'cron',
      cron: job.name,
      ref: `refs/heads/${branch}`,
      branch,
      sender: 'cron',
      trusted: true,
    });
  }

  #onPushes(app: string, changes: readonly RefChange[]): void {
    for (const change of changes) {
      if (change.after === undefined) continue; // a deleted ref starts nothing
      const tag = change.ref.startsWith('refs/tags/') ? change.ref.slice('refs/tags/'.length) : undefined;
      const branch = change.ref.startsWith('refs/heads/')
        ? change.ref.slice('refs/heads/'.length)
        : undefined;
      if (tag === undefined && branch === undefined) continue;
      this.#deps.enqueue(app, {
        event: tag === undefined ? 'push' : 'tag',
        ref: change.ref,
        ...(branch ? { branch } : {}),
        ...(tag ? { tag } : {}),
        commit: change.after,
        ...(change.before ? { before: change.before } : {}),
        sender: 'poll',
        trusted: true,
      });
    }
  }

  #read<T>(app: string, file: string): T | undefined {
    const path = join(this.#deps.dir, app, file);
    if (!existsSync(path)) return undefined;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  #write(app: string, file: string, value: unknown): void {
    mkdirSync(join(this.#deps.dir, app), { recursive: true, mode: 0o700 });
    writeFileSync(join(this.#deps.dir, app, file), JSON.stringify(value), { mode: 0o600 });
  }
}
