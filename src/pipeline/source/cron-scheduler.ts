import { BerthError } from '../../errors/index.js';
import { nextCronTime, parseCron, type CronSchedule } from '../spec/index.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';

/** A schedule to run; extra fields (app, branch...) travel to `onFire` untouched. */
export interface CronJob {
  /** Unique, e.g. `<app>/<cron entry name>`. */
  readonly key: string;
  /** A cron expression (docs/pipeline.md "cron"), evaluated in UTC. */
  readonly schedule: string;
  /** The scheduled time it last fired, from the store: a restart never fires that minute again. */
  readonly lastFiredAt?: Date | undefined;
}

export interface CronSchedulerOptions<J extends CronJob> {
  /** Called once per fire with the scheduled minute; a rejection goes to `onError`. */
  readonly onFire: (job: J, scheduledAt: Date) => void | Promise<void>;
  readonly onError: (job: J, error: unknown) => void;
  readonly clock?: Clock;
  /** How late a fire may still happen (after a restart, a suspend or a clock step); default 5 minutes. */
  readonly graceMs?: number;
  /** Longest single sleep, so wall-clock jumps are noticed; default 60 seconds. */
  readonly maxSleepMs?: number;
}

interface JobState<J> {
  job: J;
  cron: CronSchedule;
  /** The earliest fire time not yet considered. */
  next: number | undefined;
  lastFired: number | undefined;
}

const minuteMs = 60_000;
const defaultGraceMs = 5 * minuteMs;

/**
 * Fires cron jobs at their scheduled minutes with one timer for the earliest. The rules, which hold
 * across restarts, suspends and wall-clock steps in both directions:
 *
 * - A job fires at most once per scheduled minute, and never for a minute at or before the one it
 *   last fired for (so a clock stepped back does not repeat runs).
 * - Missed minutes are not replayed. When several fell due at once (the machine slept, the clock
 *   stepped forward, or Berth was down and `start()` runs), only the latest fires, and only if it is
 *   at most `graceMs` old; older ones are skipped. With `graceMs: 0` nothing late fires.
 * - A job added or rescheduled by `set()` while running starts from the next minute: no catch-up.
 *
 * Vixie cron / cronie (cron(8), on clock changes under 3 hours) likewise does not re-run jobs in a
 * repeated period and runs jobs skipped by a forward step soon after; Berth bounds the catch-up by
 * `graceMs` instead, as a run that is hours late is usually unwanted (and a pipeline run is heavy).
 *
 * @example
 * const scheduler = new CronScheduler({ onFire: (job) => runs.start(job.app, 'cron', job.name), onError: log });
 * scheduler.set([{ key: 'shop/nightly', schedule: '0 3 * * *', app: 'shop', name: 'nightly' }]);
 * scheduler.start();
 */
export class CronScheduler<J extends CronJob = CronJob> {
  readonly #options: CronSchedulerOptions<J>;
  readonly #clock: Clock;
  #jobs = new Map<string, JobState<J>>();
  #timer: TimerHandle | undefined;
  #running = false;

  constructor(options: CronSchedulerOptions<J>, jobs: readonly J[] = []) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.set(jobs);
  }

  /**
   * Replaces the jobs. A job whose key and schedule are unchanged keeps its state. Throws
   * `BERTH_PIPELINE_INVALID` for an invalid expression or a repeated key, changing nothing.
   */
  set(jobs: readonly J[]): void {
    const parsed = new Map<string, { job: J; cron: CronSchedule }>();
    for (const job of jobs) {
      if (parsed.has(job.key)) {
        throw new BerthError('BERTH_PIPELINE_INVALID', `cron job "${job.key}" is listed twice`, {
          hint: 'Give each cron job its own key, e.g. <app>/<entry name>.',
        });
      }
      const cron = parseCron(job.schedule);
      if (!cron.ok) {
        throw new BerthError(
          'BERTH_PIPELINE_INVALID',
          `cron job "${job.key}": schedule "${job.schedule}" ${cron.reason}`,
          {
            hint: 'Write five fields (minute hour day-of-month month day-of-week) or @daily, @hourly, @weekly, @monthly, @yearly.',
          },
        );
      }
      parsed.set(job.key, { job, cron: cron.value });
    }
    const now = this.#clock.now();
    const next = new Map<string, JobState<J>>();
    for (const [key, { job, cron }] of parsed) {
      const old = this.#jobs.get(key);
      const stored = job.lastFiredAt === undefined ? undefined : floorMinute(job.lastFiredAt.getTime());
      const lastFired = latest(old?.lastFired, stored);
      const same = old !== undefined && old.cron.expression === cron.expression;
      next.set(key, {
        job,
        cron,
        lastFired,
        next: same ? old.next : this.#running ? nextAfter(cron, now, lastFired) : undefined,
      });
    }
    this.#jobs = next;
    if (this.#running) this.#arm();
  }

  /** Starts firing; first fires, at most once per job, the latest minute missed within `graceMs`. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const now = this.#clock.now();
    for (const state of this.#jobs.values()) {
      this.#fireDue(state, ceilMinute(now - this.#graceMs()), now);
      state.next = nextAfter(state.cron, now, state.lastFired);
    }
    this.#arm();
  }

  /** Stops firing; runs already started are not touched. */
  stop(): void {
    this.#running = false;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The next fire time of every job that will fire, soonest first (while running). */
  upcoming(): { key: string; at: Date }[] {
    return [...this.#jobs.values()]
      .filter((s): s is JobState<J> & { next: number } => s.next !== undefined)
      .sort((a, b) => a.next - b.next || a.job.key.localeCompare(b.job.key))
      .map((s) => ({ key: s.job.key, at: new Date(s.next) }));
  }

  #graceMs(): number {
    return this.#options.graceMs ?? defaultGraceMs;
  }

  #tick(): void {
    this.#timer = undefined;
    if (!this.#running) return;
    const now = this.#clock.now();
    for (const state of this.#jobs.values()) {
      if (state.next !== undefined && state.next <= now) {
        this.#fireDue(state, Math.max(state.next, ceilMinute(now - this.#graceMs())), now);
      }
      // Recomputed every time, so a wall clock stepped back is noticed at once.
      state.next = nextAfter(state.cron, now, state.lastFired);
    }
    this.#arm();
  }

  /** Fires the latest scheduled minute in [from, now] that is after the last fire, if any. */
  #fireDue(state: JobState<J>, from: number, now: number): void {
    let due: number | undefined;
    for (
      let t = nextCronTime(state.cron, new Date(from - minuteMs));
      t !== undefined && t.getTime() <= now;
    ) {
      due = t.getTime();
      t = nextCronTime(state.cron, t);
    }
    if (due === undefined || (state.lastFired !== undefined && due <= state.lastFired)) return;
    state.lastFired = due;
    const { job } = state;
    try {
      Promise.resolve(this.#options.onFire(job, new Date(due))).catch((error: unknown) =>
        this.#options.onError(job, error),
      );
    } catch (error) {
      this.#options.onError(job, error);
    }
  }

  #arm(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    let soonest = Infinity;
    for (const state of this.#jobs.values()) soonest = Math.min(soonest, state.next ?? Infinity);
    if (!Number.isFinite(soonest)) return;
    const delay = Math.min(Math.max(soonest - this.#clock.now(), 0), this.#options.maxSleepMs ?? minuteMs);
    this.#timer = this.#clock.setTimeout(() => this.#tick(), delay);
  }
}

function nextAfter(cron: CronSchedule, now: number, lastFired: number | undefined): number | undefined {
  return nextCronTime(cron, new Date(Math.max(now, lastFired ?? -Infinity)))?.getTime();
}

function floorMinute(ms: number): number {
  return Math.floor(ms / minuteMs) * minuteMs;
}

function ceilMinute(ms: number): number {
  return Math.ceil(ms / minuteMs) * minuteMs;
}

function latest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
