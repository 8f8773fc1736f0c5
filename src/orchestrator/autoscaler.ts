import type { Logger } from 'pino';
import type { AutoscaleConfig } from '../app/index.js';
import type { ManagedContainer } from '../engine/index.js';
import type { Store } from '../store/index.js';
import {
  decide,
  initialAutoscaleState,
  type AutoscaleDecision,
  type AutoscaleState,
  type ReplicaSample,
} from './autoscale/index.js';
import type { DesiredApp } from './desired-state.js';
import type { ReplicaHealth } from './plan-types.js';

/** A replica's newest stats-stream reading (the daemon's `StatsHub` in `src/metrics`). */
export interface StatsSource {
  latest(containerId: string): { cpuCores: number; memoryBytes: number; sampledAtMs: number } | undefined;
}

interface Loop {
  timer: NodeJS.Timeout;
  state: AutoscaleState;
  spec: AutoscaleConfig;
}

interface Snapshot {
  desired: DesiredApp;
  observed: readonly ManagedContainer[];
  health: ReadonlyMap<string, ReplicaHealth>;
}

export interface AutoscalerDeps {
  stats: StatsSource;
  store: Store;
  logger: Logger;
  /** Applies a new replica count (a new release) for one service. */
  scale: (app: string, service: string, replicas: number, reason: string) => Promise<void>;
  /** Requests per second each replica served at the ingress over the last `windowMs` (by container id). */
  requestRates: (
    snapshot: { desired: DesiredApp; observed: readonly ManagedContainer[] },
    windowMs: number,
  ) => Map<string, number>;
}

/**
 * Runs `x-berth.autoscale`: reads each replica's Docker stats stream (one sample a second, followed by
 * the `StatsSource`) and, every syncPeriod, feeds the Kubernetes HPA algorithm (`./autoscale`). A changed count becomes a release;
 * every decision that changes the count, or is held back by a limit, is recorded with its inputs.
 */
export class Autoscaler {
  readonly #deps: AutoscalerDeps;
  readonly #loops = new Map<string, Loop>();
  readonly #snapshots = new Map<string, Snapshot>();

  constructor(deps: AutoscalerDeps) {
    this.#deps = deps;
  }

  /** Called after every reconcile: starts and stops stats watchers and decision loops for one app. */
  sync(
    app: string,
    desired: DesiredApp | undefined,
    observed: readonly ManagedContainer[],
    health: ReadonlyMap<string, ReplicaHealth>,
  ): void {
    const scaled = new Map<string, AutoscaleConfig>();
    for (const [name, spec] of desired?.specs ?? []) if (spec.autoscale) scaled.set(name, spec.autoscale);
    if (desired) this.#snapshots.set(app, { desired, observed, health });
    else this.#snapshots.delete(app);
    for (const [key, loop] of this.#loops) {
      const [loopApp, service] = key.split('/') as [string, string];
      if (loopApp === app && JSON.stringify(scaled.get(service)) !== JSON.stringify(loop.spec)) {
        clearInterval(loop.timer);
        this.#loops.delete(key);
      }
    }
    for (const [service, spec] of scaled) {
      const key = `${app}/${service}`;
      if (this.#loops.has(key)) continue;
      const timer = setInterval(() => void this.#tick(app, service), spec.syncPeriodMs);
      timer.unref();
      this.#loops.set(key, { timer, state: initialAutoscaleState, spec });
    }
  }

  stop(): void {
    for (const loop of this.#loops.values()) clearInterval(loop.timer);
    this.#loops.clear();
  }

  async #tick(app: string, service: string): Promise<void> {
    const loop = this.#loops.get(`${app}/${service}`);
    const snapshot = this.#snapshots.get(app);
    const spec = snapshot?.desired.specs.get(service);
    if (!loop || !snapshot || !spec?.autoscale) return;
    // A rollout is in progress (or paused half-way): let it finish first.
    if (['pending', 'paused'].includes(snapshot.desired.release.status)) return;
    const now = Date.now();
    const rates =
      spec.autoscale.rpsPerReplica === undefined
        ? undefined
        : this.#deps.requestRates(snapshot, spec.autoscale.syncPeriodMs);
    const replicas: ReplicaSample[] = snapshot.observed
      .filter((c) => c.service === service && (c.state === 'running' || c.state === 'created'))
      .map((c) => {
        const w = this.#deps.stats.latest(c.id);
        const fresh = w !== undefined && now - w.sampledAtMs < 5000;
        return {
          pod: c.name,
          ready: snapshot.health.get(c.id)?.ready === true,
          startedAtMs: c.startedAt || now,
          phase: c.state === 'running' ? 'running' : 'pending',
          sampleTimeMs: w?.sampledAtMs ?? now,
          ...(fresh ? { cpuCores: w.cpuCores } : {}),
          ...(fresh ? { memoryBytes: w.memoryBytes } : {}),
          ...(rates?.has(c.id) ? { rps: rates.get(c.id) } : {}),
        };
      });
    const reservations = {
      cpus: spec.reservations.cpus ?? spec.limits.cpus ?? 1,
      ...((spec.reservations.memoryBytes ?? spec.limits.memoryBytes)
        ? { memoryBytes: spec.reservations.memoryBytes ?? spec.limits.memoryBytes }
        : {}),
    };
    const result = decide(
      spec.autoscale,
      loop.state,
      { currentReplicas: spec.replicas, replicas, reservations },
      now,
    );
    loop.state = result.state;
    if (result.replicas === spec.replicas && result.decision.limitedBy === undefined) return;
    this.#record(app, service, spec.replicas, result.decision);
    if (result.replicas === spec.replicas) return;
    try {
      await this.#deps.scale(
        app,
        service,
        result.replicas,
        `autoscale ${service} ${spec.replicas}->${result.replicas}: ${result.decision.reason}`,
      );
    } catch (error) {
      this.#deps.logger.error({ err: error, app, service }, 'autoscale failed');
    }
  }

  #record(app: string, service: string, current: number, decision: AutoscaleDecision): void {
    const message = `${service}: ${current} -> ${decision.replicas} replicas (${decision.reason})`;
    this.#deps.store.events.add(app, 'autoscale.decision', message, {
      service,
      decision: decision as unknown as Record<string, unknown>,
    });
    this.#deps.logger.info(
      { app, service, from: current, to: decision.replicas, reason: decision.reason },
      'autoscale decision',
    );
  }
}
