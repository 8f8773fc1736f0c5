import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { diffHeads, type RefChange } from './diff-heads.js';
import type { GitCredentials, GitEnv } from './git-env.js';
import { lsRemote, type LsRemoteOptions, type RemoteHeads } from './ls-remote.js';

/** A repository to watch for pushes, for users whose git server cannot send webhooks. */
export interface PolledRepo {
  /** Unique, e.g. the app name. */
  readonly key: string;
  readonly repoUrl: string;
  readonly credentials?: GitCredentials | undefined;
  /**
   * The heads seen last time (from the store), so pushes made while Berth was down are reported.
   * Without them the first poll only records the heads.
   */
  readonly heads?: RemoteHeads | undefined;
  /** Overrides the poller's interval for this repository. */
  readonly intervalMs?: number | undefined;
}

export interface RemotePollerOptions {
  /**
   * Called with the branches and tags that moved and the heads to store; on the first poll of a
   * repository without known heads, with no changes (only the heads to store). The heads count as
   * seen only once this returns (or its promise resolves): if it throws, the same changes are
   * reported by the next poll (at least once).
   */
  readonly onChanges: (
    key: string,
    changes: readonly RefChange[],
    heads: RemoteHeads,
  ) => void | Promise<void>;
  /** A failed poll or `onChanges`; polling goes on with backoff. */
  readonly onError: (key: string, error: unknown) => void;
  /** Default 60 seconds. */
  readonly intervalMs?: number;
  /** Longest wait after repeated failures (the interval doubles per failure); default 15 minutes. */
  readonly maxBackoffMs?: number;
  readonly clock?: Clock;
  /** Replaces `lsRemote` (tests, or a forge API). */
  readonly lsRemote?: (repoUrl: string, options: LsRemoteOptions) => Promise<RemoteHeads>;
  readonly env?: GitEnv;
  readonly timeoutMs?: number;
  readonly allowLocal?: boolean;
}

interface RepoState {
  repo: PolledRepo;
  heads: RemoteHeads | undefined;
  failures: number;
  timer: TimerHandle | undefined;
  inFlight: Promise<RefChange[]> | undefined;
}

/**
 * Polls git remotes with `git ls-remote` (no clone) and reports branches and tags that were created,
 * moved or deleted. One timer per repository; a poll never overlaps the previous one of the same
 * repository; after a failure the interval doubles up to `maxBackoffMs`.
 *
 * @example
 * const poller = new RemotePoller({ onChanges: (app, changes) => triggerRuns(app, changes), onError: log });
 * poller.set([{ key: 'shop', repoUrl: 'https://git.example.com/acme/shop.git', heads: stored }]);
 * poller.start();
 */
export class RemotePoller {
  readonly #options: RemotePollerOptions;
  readonly #clock: Clock;
  #repos = new Map<string, RepoState>();
  #running = false;
  #abort = new AbortController();

  constructor(options: RemotePollerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** Replaces the watched repositories; one whose URL changed starts over from its given heads. */
  set(repos: readonly PolledRepo[]): void {
    const next = new Map<string, RepoState>();
    for (const repo of repos) {
      const old = this.#repos.get(repo.key);
      if (old !== undefined && old.repo.repoUrl === repo.repoUrl) {
        old.repo = repo;
        next.set(repo.key, old);
      } else {
        const state: RepoState = {
          repo,
          heads: repo.heads,
          failures: 0,
          timer: undefined,
          inFlight: undefined,
        };
        next.set(repo.key, state);
        if (this.#running) this.#schedule(state, 0);
      }
    }
    for (const [key, state] of this.#repos) {
      if (next.get(key) !== state && state.timer !== undefined) this.#clock.clearTimeout(state.timer);
    }
    this.#repos = next;
  }

  /** Polls every repository now, then every interval. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const state of this.#repos.values()) this.#schedule(state, 0);
  }

  /** Stops the timers and aborts polls in flight. */
  stop(): void {
    this.#running = false;
    this.#abort.abort(new Error('the poller was stopped'));
    this.#abort = new AbortController();
    for (const state of this.#repos.values()) {
      if (state.timer !== undefined) this.#clock.clearTimeout(state.timer);
      state.timer = undefined;
    }
  }

  /** The heads last seen (those `onChanges` accepted) for a repository. */
  heads(key: string): RemoteHeads | undefined {
    return this.#repos.get(key)?.heads;
  }

  /**
   * Polls one repository now (a "refresh" button, or tests) and returns what changed; joins a poll
   * already in flight. Rejects when listing the remote or `onChanges` fails.
   */
  poll(key: string): Promise<RefChange[]> {
    const state = this.#repos.get(key);
    if (state === undefined) return Promise.reject(new Error(`no polled repository "${key}"`));
    return this.#pollOnce(state);
  }

  #pollOnce(state: RepoState): Promise<RefChange[]> {
    state.inFlight ??= this.#poll(state).finally(() => {
      state.inFlight = undefined;
    });
    return state.inFlight;
  }

  async #poll(state: RepoState): Promise<RefChange[]> {
    const { repo } = state;
    const list = this.#options.lsRemote ?? lsRemote;
    const heads = await list(repo.repoUrl, {
      signal: this.#abort.signal,
      ...(repo.credentials === undefined ? {} : { credentials: repo.credentials }),
      ...(this.#options.env === undefined ? {} : { env: this.#options.env }),
      ...(this.#options.timeoutMs === undefined ? {} : { timeoutMs: this.#options.timeoutMs }),
      ...(this.#options.allowLocal === undefined ? {} : { allowLocal: this.#options.allowLocal }),
    });
    // Dropped by set() while listing: its changes belong to nobody now.
    if (this.#repos.get(repo.key) !== state) return [];
    const first = state.heads === undefined;
    const changes = first ? [] : diffHeads(state.heads ?? new Map(), heads);
    if (first || changes.length > 0) await this.#options.onChanges(repo.key, changes, heads);
    state.heads = heads;
    return changes;
  }

  #schedule(state: RepoState, delayMs: number): void {
    if (state.timer !== undefined) this.#clock.clearTimeout(state.timer);
    state.timer = this.#clock.setTimeout(() => void this.#tick(state), delayMs);
  }

  async #tick(state: RepoState): Promise<void> {
    state.timer = undefined;
    try {
      await this.#pollOnce(state);
      state.failures = 0;
    } catch (error) {
      if (!this.#running) return;
      state.failures++;
      this.#options.onError(state.repo.key, error);
    }
    // Only if still running and still watched (set() may have dropped or replaced it meanwhile).
    if (!this.#running || this.#repos.get(state.repo.key) !== state) return;
    const intervalMs = state.repo.intervalMs ?? this.#options.intervalMs ?? 60_000;
    const backoff = Math.min(intervalMs * 2 ** state.failures, this.#options.maxBackoffMs ?? 900_000);
    this.#schedule(state, Math.max(intervalMs, backoff));
  }
}
