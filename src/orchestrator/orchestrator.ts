import type { Logger } from 'pino';
import type { DockerEngine, ManagedContainer } from '../engine/index.js';
import { upstreamRefreshMs, type Ingress } from '../ingress/index.js';
import type { Store } from '../store/index.js';
import { slotKey } from './slot-key.js';
import type { AppStatus } from './app-status.js';
import type { BackoffConfig, RestartRecord } from './backoff.js';
import { applyActions } from './apply.js';
import { ReleaseLifecycle } from './release-lifecycle.js';
import { Autoscaler, type StatsSource } from './autoscaler.js';
import { withReplicas } from './deploy.js';
import { desiredState, type DesiredApp } from './desired-state.js';
import { plan } from './plan.js';
import { PreemptionScheduler } from './preemption-scheduler.js';
import type { Action, ReplicaHealth } from './plan-types.js';
import {
  drainBeforeRemovalMs,
  ingressRoutes,
  replicaIp,
  upstreamsOf,
  type TrafficSplit,
} from './ingress-routes.js';
import { Prober } from './prober.js';
import { buildStatus } from './status.js';

export interface OrchestratorOptions {
  engine: DockerEngine;
  ingress: Ingress;
  store: Store;
  logger: Logger;
  backoff: BackoffConfig;
  resyncMs: number;
  /** Replicas' stats readings for the autoscaler. */
  stats: StatsSource;
  /** Told the app's containers after every reconcile (stats and log collection follow them). */
  observers?: readonly ContainerObserver[];
}

export interface ContainerObserver {
  sync(app: string, observed: readonly ManagedContainer[]): void;
}

/** Facts the orchestrator remembers between reconciles (lost on restart, rebuilt from the engine). */
export interface RuntimeMemory {
  restarts: Map<string, RestartRecord>;
  /** Last engine error per replica slot (`service/replica`) or container id. */
  errors: Map<string, { message: string; at: number; attempts: number }>;
}

/**
 * The local backend: keeps each app's containers matching its current release. Level-triggered:
 * Docker events, probe flips, backoff timers and a periodic resync all just schedule a reconcile, and a
 * reconcile always starts from a fresh list of labelled containers.
 */
export class Orchestrator {
  readonly #options: OrchestratorOptions;
  readonly #prober: Prober;
  readonly #autoscaler: Autoscaler;
  readonly #lifecycle: ReleaseLifecycle;
  readonly #scheduler: PreemptionScheduler;
  readonly #memory: RuntimeMemory = { restarts: new Map(), errors: new Map() };
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  readonly #wakeTimers = new Map<string, NodeJS.Timeout>();
  readonly #status = new Map<string, AppStatus>();
  /** When each container was first seen ready (update_config.delay counts from it). */
  readonly #readySince = new Map<string, { app: string; at: number }>();
  readonly #abort = new AbortController();
  #resyncTimer: NodeJS.Timeout | undefined;

  constructor(options: OrchestratorOptions) {
    this.#options = options;
    this.#lifecycle = new ReleaseLifecycle(options);
    this.#scheduler = new PreemptionScheduler({ ...options, wake: (app) => this.trigger(app) });
    this.#autoscaler = new Autoscaler({
      stats: options.stats,
      store: options.store,
      logger: options.logger,
      requestRates: ({ desired, observed }, windowMs) => {
        const now = Date.now();
        options.ingress.traffic.poll(now);
        const rates = new Map<string, number>();
        for (const c of observed) {
          const upstreams = upstreamsOf([c], desired);
          rates.set(
            c.id,
            options.ingress.traffic.records(upstreams, now - windowMs).length / (windowMs / 1000),
          );
        }
        return rates;
      },
      scale: (app, service, replicas, reason) => {
        const current = options.store.releases.current(app);
        if (!current) return Promise.resolve();
        const record = options.store.releases.getApp(app);
        const spec = withReplicas(current.spec, { [service]: replicas });
        const release = options.store.releases.create({
          spec,
          images: current.images,
          reason,
          projectDir: record.projectDir,
        });
        options.store.events.add(app, 'release.created', `release ${release.number} created (${reason})`, {
          release: release.number,
        });
        this.trigger(app);
        return Promise.resolve();
      },
    });
    this.#prober = new Prober((app, flip) => {
      const state = flip.passing
        ? flip.kind === 'readiness'
          ? 'ready'
          : 'live again'
        : `${flip.kind} failed`;
      options.store.events.add(app, `probe.${flip.kind}`, `${flip.container}: ${state} (${flip.message})`, {
        ...flip,
      });
      this.trigger(app);
    });
  }

  /** Starts watching the engine and converges every app once. */
  async start(): Promise<void> {
    const { engine, logger, resyncMs } = this.#options;
    await engine.ping();
    void engine.watchEvents(
      (event) => {
        // Exec probes emit exec_create/start/die on every run; they change nothing a reconcile looks at.
        if (event.action.startsWith('exec_')) return;
        const app = event.labels['dev.berth.app'];
        if (app) this.trigger(app);
      },
      (error) => logger.warn({ err: error }, 'engine event stream dropped; reconnecting'),
      this.#abort.signal,
    );
    this.#resyncTimer = setInterval(() => void this.resyncAll(), resyncMs);
    this.#resyncTimer.unref();
    // Converge in the background: the API must answer while slow stops (grace periods) run.
    void this.resyncAll();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    clearInterval(this.#resyncTimer);
    for (const timer of this.#wakeTimers.values()) clearTimeout(timer);
    this.#prober.stopAll();
    this.#autoscaler.stop();
    await Promise.allSettled([...this.#running.values()]);
  }

  /** Reconciles every app that has a release or still has containers. */
  async resyncAll(): Promise<void> {
    try {
      const apps = new Set(this.#options.store.releases.desiredReleases().map((r) => r.app));
      for (const c of await this.#options.engine.listManaged()) apps.add(c.app);
      await Promise.all([...apps].map((app) => this.reconcile(app)));
    } catch (error) {
      this.#options.logger.error({ err: error }, 'resync failed');
    }
  }

  /** Schedules a reconcile of `app` (coalesced: at most one running and one queued per app). */
  trigger(app: string): void {
    if (this.#abort.signal.aborted) return;
    if (this.#running.has(app)) {
      this.#again.add(app);
      return;
    }
    void this.reconcile(app);
  }

  /** Reconciles now and resolves when this app's pass (and any queued follow-up) finished. */
  reconcile(app: string): Promise<void> {
    const inFlight = this.#running.get(app);
    if (inFlight) {
      this.#again.add(app);
      return inFlight;
    }
    const run = (async () => {
      do {
        this.#again.delete(app);
        try {
          await this.#reconcileOnce(app);
        } catch (error) {
          this.#options.logger.error({ err: error, app }, 'reconcile failed');
        }
      } while (this.#again.has(app) && !this.#abort.signal.aborted);
    })().finally(() => this.#running.delete(app));
    this.#running.set(app, run);
    return run;
  }

  /** The latest observed status (reconciling first so the answer is fresh). */
  async status(app: string): Promise<AppStatus> {
    // A pass already running (maybe waiting out a drain or a grace period): answer with the last view.
    const known = this.#status.get(app);
    if (known && this.#running.has(app)) return known;
    await this.reconcile(app);
    const status = this.#status.get(app);
    if (status) return status;
    // Known but taken down: an empty status, not an error (its releases are still listed).
    this.#options.store.releases.getApp(app);
    return {
      app,
      release: null,
      releaseStatus: null,
      converged: false,
      services: [],
      failures: [],
      observedAt: Date.now(),
    };
  }

  /** Removes the app's containers and networks (and volumes when asked); history stays in the store. */
  async down(
    app: string,
    options: { volumes: boolean },
  ): Promise<{ removedNetworks: string[]; removedVolumes: string[] }> {
    this.#options.store.releases.markDown(app);
    await this.reconcile(app);
    const left = await this.#options.engine.listManaged(app);
    if (left.length > 0) await this.reconcile(app);
    const removedNetworks = await this.#options.engine.removeNetworks(app);
    const removedVolumes = options.volumes ? await this.#options.engine.removeVolumes(app) : [];
    this.#options.store.events.add(app, 'app.down', `app taken down`, { removedNetworks, removedVolumes });
    return { removedNetworks, removedVolumes };
  }

  async #reconcileOnce(app: string): Promise<void> {
    const { engine, store, logger, backoff } = this.#options;
    const record = store.releases.findApp(app);
    const release =
      record?.currentRelease == null ? undefined : store.releases.get(app, record.currentRelease);
    const desired: DesiredApp | undefined = release ? desiredState(release) : undefined;
    const observed = await engine.listManaged(app);
    this.#syncProbes(app, desired, observed);
    const health = this.#health(desired, observed);
    const schedule = await this.#scheduler.schedule(app, desired);
    const now = Date.now();
    const canary = this.#lifecycle.canaryPlan(app, release, desired, observed, now);
    const result = plan({
      desired: schedule.services,
      observed,
      health,
      restarts: this.#memory.restarts,
      now,
      backoff,
      replacementCaps: canary.caps,
    });
    result.waiting.push(...schedule.waiting);
    const actions = schedule
      .label(result.actions)
      .filter((a) => a.type !== 'create' || this.#createDue(slotKey(app, a.service, a.replica), now));

    await this.#routeTraffic(app, desired, observed, health, actions, canary.splits);
    if (actions.length > 0) {
      const done = await applyActions(actions, {
        engine,
        store,
        logger,
        memory: this.#memory,
        desired,
        observed,
        prober: this.#prober,
        app,
        backoff,
      });
      if (done > 0) this.#again.add(app);
    }
    this.#scheduleWake(app, result.wakeAt, now);
    const status = buildStatus({
      app,
      desired,
      observed,
      health,
      plan: result,
      memory: this.#memory,
      prober: this.#prober,
      now,
    });
    this.#status.set(app, status);
    this.#autoscaler.sync(app, desired, observed, health);
    for (const observer of this.#options.observers ?? []) observer.sync(app, observed);
    if (!desired && observed.length === 0) this.#status.delete(app);
    if (release) {
      const next = await this.#lifecycle.advance({
        release,
        desired,
        observed,
        health,
        status,
        settled: actions.length === 0,
        now,
      });
      if (next.again) this.#again.add(app);
      if (next.wakeAt !== undefined) this.#scheduleWake(app, next.wakeAt, now);
      else if (next.pollAt !== undefined && !this.#wakeTimers.has(app))
        this.#scheduleWake(app, next.pollAt, now);
    }
  }

  /**
   * Points the ingress at the ready replicas, leaving out those about to be removed; when a removed one
   * was receiving traffic, waits out the drain time first (deregister -> drain -> SIGTERM, issue 3).
   */
  async #routeTraffic(
    app: string,
    desired: DesiredApp | undefined,
    observed: readonly ManagedContainer[],
    health: ReadonlyMap<string, ReplicaHealth>,
    actions: readonly Action[],
    splits: readonly TrafficSplit[],
  ): Promise<void> {
    const { ingress, logger } = this.#options;
    const removing = new Set(actions.filter((a) => a.type === 'remove').map((a) => a.id));
    const routedBefore = ingress.upstreamsOf(app);
    try {
      const unprobedButRouted = (c: ManagedContainer): boolean => {
        const readiness = this.#prober.state(c.id)?.readiness;
        const unknown = readiness !== undefined && readiness.successes === 0 && readiness.failures === 0;
        return unknown && Object.values(c.ips).some((ip) => ingress.wasRouted(ip));
      };
      await ingress.setApp(
        app,
        ingressRoutes(desired, observed, health, removing, unprobedButRouted, splits),
      );
    } catch (error) {
      logger.error({ err: error, app }, 'ingress update failed');
      return;
    }
    const drainMs = drainBeforeRemovalMs(desired, observed, removing, routedBefore);
    if (drainMs > 0) {
      // The proxy re-resolves replicas every upstreamRefreshMs: wait for that, then the drain time.
      const waitMs = drainMs + upstreamRefreshMs;
      logger.info({ app, waitMs, replicas: removing.size }, 'draining replicas before stopping them');
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }

  /** When a failed create of this slot may be retried (same doubling as CrashLoopBackOff). */
  #createRetryAt(slot: string): number | undefined {
    const error = this.#memory.errors.get(slot);
    if (!error) return undefined;
    const { initialMs, maxMs } = this.#options.backoff;
    return error.at + Math.min(initialMs * 2 ** Math.max(0, error.attempts - 1), maxMs);
  }

  #createDue(slot: string, now: number): boolean {
    return now >= (this.#createRetryAt(slot) ?? 0);
  }

  #scheduleWake(app: string, wakeAt: number | undefined, now: number): void {
    clearTimeout(this.#wakeTimers.get(app));
    this.#wakeTimers.delete(app);
    const createRetry = [...this.#memory.errors.keys()]
      .filter((key) => key.startsWith(`${app}/`))
      .map((key) => this.#createRetryAt(key) ?? 0);
    const next = Math.min(wakeAt ?? Infinity, ...createRetry.filter((t) => t > now));
    if (!Number.isFinite(next)) return;
    const timer = setTimeout(() => this.trigger(app), Math.max(0, next - now) + 5);
    timer.unref();
    this.#wakeTimers.set(app, timer);
  }

  #syncProbes(app: string, desired: DesiredApp | undefined, observed: readonly ManagedContainer[]): void {
    const { engine } = this.#options;
    this.#prober.sync(
      app,
      observed.map((container) => {
        const spec = desired?.specs.get(container.service);
        return {
          container,
          readiness: spec?.probes.readiness,
          liveness: spec?.probes.liveness,
          target: {
            ip: replicaIp(container, desired),
            exec: (command, timeoutMs) => engine.exec(container.id, command, timeoutMs),
          },
        };
      }),
    );
  }

  #health(
    desired: DesiredApp | undefined,
    observed: readonly ManagedContainer[],
  ): Map<string, ReplicaHealth> {
    const health = new Map<string, ReplicaHealth>();
    for (const c of observed) {
      const spec = desired?.specs.get(c.service);
      const probes = this.#prober.state(c.id);
      const running = c.state === 'running';
      let ready = running;
      if (spec?.probes.readiness) ready = running && probes?.readiness?.passing === true;
      else if (spec?.healthcheck && spec.healthcheck.test[0] !== 'NONE')
        ready = running && c.health === 'healthy';
      else if (c.health !== undefined) ready = running && c.health === 'healthy';
      if (!ready) this.#readySince.delete(c.id);
      else if (!this.#readySince.has(c.id)) this.#readySince.set(c.id, { app: c.app, at: Date.now() });
      const readySinceMs = this.#readySince.get(c.id)?.at;
      health.set(c.id, {
        ready,
        livenessFailed: running && probes?.liveness?.passing === false,
        ...(readySinceMs === undefined ? {} : { readySinceMs }),
      });
    }
    // Forget this app's containers that are gone.
    const app = observed[0]?.app;
    const alive = new Set(observed.map((c) => c.id));
    for (const [id, entry] of this.#readySince) {
      if (entry.app === app && !alive.has(id)) this.#readySince.delete(id);
    }
    return health;
  }
}
