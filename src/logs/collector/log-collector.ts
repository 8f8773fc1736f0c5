import type { ManagedContainer } from '../../engine/index.js';
import { followContainer, type FollowerOptions } from './container-follower.js';

interface Follower {
  app: string;
  abort: AbortController;
  /** The container start this follower reads (a restart in place needs a new read). */
  startedAt: number;
  done: Promise<void>;
  following: boolean;
}

export interface LogCollectorOptions extends Omit<FollowerOptions, 'multiline'> {
  /** Multiline mode of a service (`x-berth.logs.multiline`); default off. */
  multiline?: (app: string, service: string) => FollowerOptions['multiline'];
}

/**
 * Collects the output of every managed container (issue 5 item 1). After each reconcile the
 * orchestrator tells it the app's containers: running ones are followed; a stopped one is read once up
 * to its end, so the last lines of a crash are kept even when the daemon was down meanwhile.
 */
export class LogCollector {
  readonly #options: LogCollectorOptions;
  readonly #followers = new Map<string, Follower>();
  #stopped = false;

  constructor(options: LogCollectorOptions) {
    this.#options = options;
  }

  sync(app: string, observed: readonly ManagedContainer[]): void {
    if (this.#stopped) return;
    const present = new Set(observed.map((c) => c.id));
    for (const [id, follower] of this.#followers) {
      if (follower.app === app && !present.has(id)) {
        follower.abort.abort();
        this.#followers.delete(id);
      }
    }
    for (const container of observed) {
      if (container.startedAt === 0) continue; // never started: nothing to read
      const running = container.state === 'running' || container.state === 'restarting';
      const current = this.#followers.get(container.id);
      // A follower is current while it follows a running container, or has read a stopped one to the
      // end of the same run (startedAt changes when Berth starts the container again).
      if (current && current.startedAt === container.startedAt && (current.following || !running)) continue;
      current?.abort.abort();
      this.#start(container, running, current?.done);
    }
  }

  /** Stops every follower and waits until each has stored what it read. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const followers = [...this.#followers.values()];
    for (const follower of followers) follower.abort.abort();
    this.#followers.clear();
    await Promise.allSettled(followers.map((f) => f.done));
  }

  /** How many containers are being read now (for status and tests). */
  get active(): number {
    return this.#followers.size;
  }

  /** Starts reading once the previous reader of the same container is done (one writer per checkpoint). */
  #start(container: ManagedContainer, running: boolean, previous?: Promise<void>): void {
    const abort = new AbortController();
    const options: FollowerOptions = {
      ...this.#options,
      multiline: this.#options.multiline?.(container.app, container.service) ?? 'off',
    };
    const follower: Follower = {
      app: container.app,
      abort,
      startedAt: container.startedAt,
      following: running,
      done: Promise.resolve(),
    };
    follower.done = (previous ?? Promise.resolve())
      .then(() =>
        abort.signal.aborted ? undefined : followContainer(container, running, options, abort.signal),
      )
      .catch((error: unknown) => {
        if (!abort.signal.aborted) {
          this.#options.logger.warn(
            { err: error, container: container.name },
            'reading container logs failed',
          );
        }
      })
      .finally(() => {
        // A followed stream ends when the container stops; the next sync reads it again if needed.
        follower.following = false;
      });
    this.#followers.set(container.id, follower);
  }
}
