import type { Logger } from 'pino';
import type { DockerEngine, ManagedContainer } from '../engine/index.js';
import { trafficStats, type Ingress } from '../ingress/index.js';
import type { Release, Store } from '../store/index.js';
import type { AppStatus } from './app-status.js';
import type { DesiredApp } from './desired-state.js';
import { upstreamOf } from './ingress-routes.js';
import { rollbackTo } from './rollback.js';
import { criticalAlertSince } from './critical-alert.js';
import { startVerification, verificationStep, type VerificationState } from './verification.js';

/** What the reconciler should do next for the app: run again at once, or wake up at a time. */
export interface Next {
  again?: boolean;
  /** Reconcile at this time (a verification check is due). */
  wakeAt?: number;
  /** Reconcile at this time unless a wake-up is already planned (a pending release's re-look). */
  pollAt?: number;
}

/**
 * A release's way from `pending` to `active`, `failed` or `rolled-back` (docs/decisions/0006): promotion
 * after (optional) traffic verification, failure on crash loops or the progress deadline, and automatic
 * rollback to the last verified release.
 */
export class ReleaseLifecycle {
  readonly #deps: { store: Store; logger: Logger; engine: DockerEngine; ingress: Ingress };
  readonly #verifying = new Map<string, VerificationState>();

  constructor(deps: { store: Store; logger: Logger; engine: DockerEngine; ingress: Ingress }) {
    this.#deps = deps;
  }

  /** Called after each reconcile pass of an app that has a current release. */
  async advance(input: {
    release: Release;
    desired: DesiredApp | undefined;
    observed: readonly ManagedContainer[];
    status: AppStatus;
    /** The pass applied no actions. */
    settled: boolean;
    now: number;
  }): Promise<Next> {
    const { release, desired, observed, status, settled, now } = input;
    const { store } = this.#deps;
    // A failed release that recovers (e.g. a crash loop that stopped) becomes active and a rollback target.
    if (release.status === 'failed' && status.converged && settled) {
      store.releases.markVerified(release.app, release.number);
      store.events.add(release.app, 'release.active', `release ${release.number} recovered and is ready`, {
        release: release.number,
      });
      return {};
    }
    if (release.status !== 'pending') return {};
    if (status.converged && settled && desired) return this.#promote(release, desired, observed, now);
    const next = await this.#checkProgress(release, status, now);
    // Readiness has a minimum ready time and a deadline: look again soon even if nothing happens.
    return { ...next, pollAt: now + 1000 };
  }

  /**
   * A converged release becomes active, after verification of its new replicas' traffic when
   * `x-berth.rollout.verify` asks for it (checks at intervals over a window; issue 3).
   */
  async #promote(
    release: Release,
    desired: DesiredApp,
    observed: readonly ManagedContainer[],
    now: number,
  ): Promise<Next> {
    const { store, logger, ingress } = this.#deps;
    const app = release.app;
    const verified = (message: string): Next => {
      store.releases.markVerified(app, release.number);
      store.events.add(app, 'release.active', `release ${release.number} is ready${message}`, {
        release: release.number,
      });
      logger.info({ app, release: release.number }, 'release ready');
      return {};
    };
    const routed = [...desired.specs.values()].filter((s) => s.ingress && s.rollout?.verify);
    const fresh = observed.filter(
      (c) =>
        c.release === release.number && c.state === 'running' && routed.some((s) => s.name === c.service),
    );
    const spec = routed[0]?.rollout?.verify;
    if (!spec || fresh.length === 0) return verified('');
    let state = this.#verifying.get(app);
    if (state?.release !== release.number) {
      state = startVerification(release.number, now);
      store.events.add(
        app,
        'release.verifying',
        `release ${release.number}: verifying traffic for ${Math.round(spec.windowMs / 1000)} s`,
        { release: release.number },
      );
    }
    if (state.done) return {};
    const alert = criticalAlertSince(store.events.list(app, { limit: 200 }), state.startedAt);
    if (alert) {
      this.#verifying.set(app, { ...state, done: true });
      return this.#fail(release, `verification failed: ${alert.message}`);
    }
    ingress.traffic.poll(now);
    const upstreams = new Set(
      fresh.flatMap((c) =>
        (desired.specs.get(c.service)?.ports ?? []).map((p) => upstreamOf(c, desired, p.target) ?? ''),
      ),
    );
    const step = verificationStep(
      state,
      spec,
      trafficStats(ingress.traffic.records(upstreams, state.lastCheckAt)),
      now,
    );
    this.#verifying.set(app, step.state);
    if (step.outcome === 'verified') return verified(` (${step.message})`);
    if (step.outcome === 'failed') return this.#fail(release, step.message);
    store.releases.setStatus(app, release.number, 'pending', step.message);
    if (step.outcome === 'inconclusive') {
      store.events.add(app, 'release.paused', `release ${release.number}: ${step.message}`, {
        release: release.number,
      });
      return {};
    }
    return {
      wakeAt: Math.min(step.state.lastCheckAt + spec.intervalMs, step.state.startedAt + spec.windowMs),
    };
  }

  /**
   * Fails a pending release whose replicas crash-loop or fail to start, or that is not ready within its
   * progress deadline, and rolls back to the last verified release when autoRollback allows (issue 3).
   */
  async #checkProgress(release: Release, status: AppStatus, now: number): Promise<Next> {
    const services = Object.values(release.spec.services);
    const deadlineMs = Math.max(...services.map((s) => s.rollout?.progressDeadlineMs ?? 600_000));
    let why: string | undefined;
    if (status.failures.length > 0)
      why = `replicas failed: ${status.failures.map((f) => f.reason).join('; ')}`;
    else if (now - release.createdAt > deadlineMs) {
      const notReady = status.services.flatMap((s) =>
        s.replicas
          .filter((r) => !r.outdated && !r.ready)
          .map((r) => `${r.name}${r.message ? ` (${r.message})` : ''}`),
      );
      why = `not ready within the ${Math.round(deadlineMs / 1000)} s progress deadline${notReady.length ? `: ${notReady.join('; ')}` : ''}`;
    }
    if (why === undefined) return {};
    return this.#fail(release, why);
  }

  /** Marks a release failed, and rolls back to the last verified release when autoRollback allows. */
  async #fail(release: Release, why: string): Promise<Next> {
    const { store, logger, engine } = this.#deps;
    const services = Object.values(release.spec.services);
    // Act only on the app's current release: a `down` or a newer deploy since this pass began wins.
    if (store.releases.findApp(release.app)?.currentRelease !== release.number) return {};
    const auto = services.every((s) => s.rollout?.autoRollback ?? true);
    const candidate = auto ? store.releases.lastVerified(release.app, release.number) : undefined;
    // Never roll back a rollback (that could loop forever), nor to a release that runs the same thing.
    const isRollback = release.reason.startsWith('rollback to');
    const same =
      candidate !== undefined &&
      JSON.stringify([candidate.spec, candidate.images]) === JSON.stringify([release.spec, release.images]);
    const target = isRollback || same ? undefined : candidate;
    if (!target) {
      store.releases.setStatus(release.app, release.number, 'failed', why);
      store.events.add(release.app, 'release.failed', `release ${release.number} failed: ${why}`, {
        release: release.number,
      });
      logger.warn({ app: release.app, release: release.number, why }, 'release failed');
      return {};
    }
    store.releases.setStatus(
      release.app,
      release.number,
      'rolled-back',
      `${why}; rolled back to release ${target.number}`,
    );
    try {
      const restored = await rollbackTo(
        target,
        `rollback to ${target.number}: release ${release.number} ${why.slice(0, 300)}`,
        { store, engine },
      );
      logger.warn(
        { app: release.app, release: release.number, to: target.number, restored: restored.number, why },
        'release rolled back',
      );
      return { again: true };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      store.releases.setStatus(
        release.app,
        release.number,
        'failed',
        `${why}; rollback to ${target.number} impossible: ${reason}`,
      );
      logger.error({ err: error, app: release.app }, 'automatic rollback failed');
      return {};
    }
  }
}
