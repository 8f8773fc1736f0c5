import type { Logger } from 'pino';
import type { ContainerStatsSample, DockerEngine, ManagedContainer } from '../engine/index.js';
import type { MetricRepo, MetricSample } from '../store/index.js';
import { containerPoint, countersOf, type ContainerPoint, type Counters } from './container-point.js';
import { cpuPercentFromStats, memoryUsedBytes } from './docker-stats.js';

/** A replica's newest reading from its stats stream (about one a second). */
export interface LatestStats {
  cpuCores: number;
  memoryBytes: number;
  sampledAtMs: number;
}

interface Watcher {
  app: string;
  service: string;
  name: string;
  abort: AbortController;
  latest?: LatestStats;
  counters?: Counters;
  memoryLimitBytes?: number;
  recorded?: Counters;
}

export interface StatsHubOptions {
  engine: Pick<DockerEngine, 'watchStats'>;
  metrics: Pick<MetricRepo, 'addMany'>;
  logger: Logger;
  /** How often a point per replica is stored (issue 5: every 10 s). */
  recordEveryMs?: number;
  now?: () => number;
}

/**
 * Follows the Docker stats stream of every running replica once (the stream, not one-shot calls that
 * cost about a second each) and fans it out: the autoscaler reads {@link latest}, and every
 * `recordEveryMs` one point per replica, averaged over the interval from cumulative counters, is stored.
 */
export class StatsHub {
  readonly #options: StatsHubOptions;
  readonly #watchers = new Map<string, Watcher>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: StatsHubOptions) {
    this.#options = options;
  }

  start(): void {
    this.#timer ??= setInterval(() => this.record(), this.#options.recordEveryMs ?? 10_000);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const watcher of this.#watchers.values()) watcher.abort.abort();
    this.#watchers.clear();
  }

  /** Watches exactly the running containers of `app` (called after each reconcile). */
  sync(app: string, observed: readonly ManagedContainer[]): void {
    const running = new Map(observed.filter((c) => c.state === 'running').map((c) => [c.id, c]));
    for (const [id, watcher] of this.#watchers) {
      if (watcher.app === app && !running.has(id)) {
        watcher.abort.abort();
        this.#watchers.delete(id);
      }
    }
    for (const [id, container] of running) if (!this.#watchers.has(id)) this.#watch(app, id, container);
  }

  latest(id: string): LatestStats | undefined {
    return this.#watchers.get(id)?.latest;
  }

  /** Stores one point per replica with a reading since the last call; returns them. */
  record(): MetricSample[] {
    const samples: MetricSample[] = [];
    for (const watcher of this.#watchers.values()) {
      const current = watcher.counters;
      if (!current || !watcher.latest) continue;
      const point: ContainerPoint | undefined = watcher.recorded
        ? containerPoint(watcher.recorded, current, {
            usedBytes: watcher.latest.memoryBytes,
            ...(watcher.memoryLimitBytes === undefined ? {} : { limitBytes: watcher.memoryLimitBytes }),
          })
        : undefined;
      watcher.recorded = current;
      if (point) {
        samples.push({
          app: watcher.app,
          service: watcher.service,
          replica: watcher.name,
          at: current.atMs,
          ...point,
        });
      }
    }
    try {
      this.#options.metrics.addMany(samples);
    } catch (error) {
      this.#options.logger.warn({ err: error, samples: samples.length }, 'storing container metrics failed');
    }
    return samples;
  }

  #watch(app: string, id: string, container: ManagedContainer): void {
    const watcher: Watcher = {
      app,
      service: container.service,
      name: container.name,
      abort: new AbortController(),
    };
    this.#watchers.set(id, watcher);
    const now = this.#options.now ?? Date.now;
    const onSample = (sample: ContainerStatsSample): void => {
      const counters = countersOf(sample, now());
      watcher.latest = {
        cpuCores: cpuPercentFromStats(sample.precpu_stats, sample.cpu_stats) / 100,
        memoryBytes: memoryUsedBytes(sample.memory_stats),
        sampledAtMs: now(),
      };
      // Docker reports the host's memory as the limit of an unlimited container; keep it anyway:
      // the dashboard shows it as "of host".
      if (sample.memory_stats.limit !== undefined) watcher.memoryLimitBytes = sample.memory_stats.limit;
      watcher.counters = counters;
      // The first point of a replica is measured from its first frame.
      watcher.recorded ??= counters;
    };
    this.#options.engine.watchStats(id, onSample, watcher.abort.signal).catch((error: unknown) => {
      this.#options.logger.debug({ err: error, id: id.slice(0, 12) }, 'stats stream ended');
    });
  }
}
