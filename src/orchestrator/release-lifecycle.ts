import type { Logger } from 'pino';
import type { DockerEngine, ManagedContainer } from '../engine/index.js';
import type { Ingress } from '../ingress/index.js';
import type { Release, Store } from '../store/index.js';
import type { AppStatus } from './app-status.js';
import { CanaryController, type CanaryPlan } from './canary-controller.js';
import type { DesiredApp } from './desired-state.js';
import type { ReplicaHealth } from './plan-types.js';
import { rollbackTo } from './rollback.js';
import { TrafficVerifier } from './traffic-verifier.js';
import { UpdateGuard, type GuardResult } from './update-guard.js';

/** What the reconciler should do next for the app: run again at once, or wake up at a time. */
export interface Next {
  again?: boolean;
  /** Reconcile at this time (a verification check or the end of a monitor window is due). */
  wakeAt?: number;
  /** Reconcile at this time unless a wake-up is already planned (a pending release's re-look). */
  pollAt?: number;
}

/**
 * A release's way from `pending` to `active`, `paused`, `failed` or `rolled-back` (docs/decisions/0006):
 * the update's failure policy (`update_config` monitor, max_failure_ratio, failure_action), promotion
 * after (optional) traffic verification, failure on crash loops or the progress deadline, and automatic
 * rollback to the last verified release.
 */
export class ReleaseLifecycle {
  readonly #deps: { store: Store; logger: Logger; engine: DockerEngine; ingress: Ingress };
  readonly #guard: UpdateGuard;
  readonly #verifier: TrafficVerifier;
  readonly #canary: CanaryController;

  constructor(deps: { store: Store; logger: Logger; engine: DockerEngine; ingress: Ingress }) {
    this.#deps = deps;
    this.#guard = new UpdateGuard(deps.store);
    this.#verifier = new TrafficVerifier(deps);
    this.#canary = new CanaryController(deps);
  }

  /** Before `plan`: how many slots a canary step allows the new configuration, and its traffic weights. */
  canaryPlan(
    app: string,
    release: Release | undefined,
    desired: DesiredApp | undefined,
    observed: readonly ManagedContainer[],
    now: number,
  ): CanaryPlan {
    return this.#canary.prepare(app, release, desired, observed, now);
  }

  /** Called after each reconcile pass of an app that has a current release. */
  async advance(input: {
    release: Release;
    desired: DesiredApp | undefined;
    observed: readonly ManagedContainer[];
    health: ReadonlyMap<string, ReplicaHealth>;
    status: AppStatus;
    /** The pass applied no actions. */
    settled: boolean;
    now: number;
  }): Promise<Next> {
    const { release, desired, observed, health, status, settled, now } = input;
    const { store } = this.#deps;
    // A failed release that recovers (e.g. a crash loop that stopped) becomes active and a rollback target.
    if (release.status === 'failed' && status.converged && settled) {
      store.releases.markVerified(release.app, release.number);
      store.events.add(release.app, 'release.active', `release ${release.number} recovered and is ready`, {
        release: release.number,
      });
      return {};
    }
    if (!desired) return {};
    if (this.#guard.noteStatus(release, desired, observed, now)) {
      this.#verifier.reset(release.app);
      this.#canary.resume(release.app, now);
    }
    if (release.status !== 'pending') return {};
    this.#verifier.noteBaseline(release, desired, observed, now);
    const guard = this.#guard.check({ release, desired, observed, health, status, now });
    const decided = await this.#applyFailurePolicy(release, guard);
    if (decided) return decided;
    const canary = this.#canary.advance({ release, desired, observed, health, now });
    // Again at once: the failed canary's weight drops to 0 on the next pass even without a rollback.
    if (canary.verdict?.outcome === 'failed')
      return { ...(await this.#fail(release, canary.verdict.message)), again: true };
    if (canary.verdict?.outcome === 'inconclusive') return this.#pause(release, canary.verdict.message);
    if (canary.holding) {
      // Steps hold the release pending; like Argo Rollouts, a pause does not count towards the deadline.
      const again = canary.changed ? { again: true } : {};
      const wake = canary.wakeAt === undefined ? {} : { wakeAt: canary.wakeAt };
      if (canary.pausing) return { ...again, ...wake };
      const next = await this.#checkProgress(release, status, guard.handledSlots, now, canary.stepStartedAt);
      return { ...again, ...wake, ...next, pollAt: now + 1000 };
    }
    if (status.converged && settled) {
      // Swarm keeps watching the last batch for `monitor` before it calls the update complete.
      if (guard.monitoringUntil !== undefined && guard.monitoringUntil > now)
        return { wakeAt: guard.monitoringUntil };
      return this.#promote(release, desired, observed, now);
    }
    const next = await this.#checkProgress(release, status, guard.handledSlots, now);
    // Readiness has a minimum ready time and a deadline: look again soon even if nothing happens.
    return { ...next, pollAt: now + 1000 };
  }

  /** Records failed update tasks and acts on the failure policy's decision (issue 3, Swarm semantics). */
  async #applyFailurePolicy(release: Release, guard: GuardResult): Promise<Next | undefined> {
    const { store } = this.#deps;
    const app = release.app;
    for (const task of guard.newlyFailed) {
      store.events.add(
        app,
        'rollout.task-failed',
        `release ${release.number}: replacement replica failed: ${task.failed ?? ''}`,
        { release: release.number, service: task.service, replica: task.replica, container: task.id },
      );
    }
    const decision = guard.decision;
    if (decision.action === 'rollback') return this.#fail(release, `update failed: ${decision.why}`);
    if (decision.action === 'pause') return this.#pause(release, `update paused: ${decision.why}`);
    if (decision.action !== 'none' && guard.newlyFailed.length > 0) {
      store.events.add(
        app,
        decision.action === 'continue' ? 'rollout.continued' : 'rollout.tolerated',
        `release ${release.number} goes on: ${decision.why}`,
        { release: release.number, service: decision.service },
      );
    }
    return undefined;
  }

  /**
   * A converged release becomes active, after verification of its new replicas' traffic when
   * `x-berth.rollout.verify` asks for it (checks at intervals over a window; issue 3). An inconclusive
   * verification pauses the release (Flagger/Argo).
   */
  async #promote(
    release: Release,
    desired: DesiredApp,
    observed: readonly ManagedContainer[],
    now: number,
  ): Promise<Next> {
    const { store, logger } = this.#deps;
    const app = release.app;
    const verified = (message: string): Next => {
      store.releases.markVerified(app, release.number);
      store.events.add(app, 'release.active', `release ${release.number} is ready${message}`, {
        release: release.number,
      });
      logger.info({ app, release: release.number }, 'release ready');
      return {};
    };
    const result = this.#verifier.step(release, desired, observed, now);
    switch (result.outcome) {
      case 'skip':
        return verified('');
      case 'idle':
        return {};
      case 'verified':
        return verified(` (${result.message})`);
      case 'failed':
        return this.#fail(release, result.message);
      case 'inconclusive':
        return this.#pause(release, result.message);
      case 'continue':
        store.releases.setStatus(app, release.number, 'pending', result.message);
        return { wakeAt: result.wakeAt };
    }
  }

  /**
   * Pauses a pending release: no more replicas are replaced (old ones keep serving) until
   * `berth rollout resume` or `berth rollout abort` (issue 3; Swarm's failure_action pause, Flagger's
   * inconclusive analysis).
   */
  #pause(release: Release, why: string): Next {
    const { store, logger } = this.#deps;
    if (store.releases.findApp(release.app)?.currentRelease !== release.number) return {};
    store.releases.setStatus(release.app, release.number, 'paused', why);
    this.#guard.markPaused(release.app);
    store.events.add(
      release.app,
      'rollout.paused',
      `release ${release.number} paused: ${why} (berth rollout resume ${release.app} | berth rollout abort ${release.app})`,
      { release: release.number },
    );
    logger.warn({ app: release.app, release: release.number, why }, 'release paused');
    return { again: true };
  }

  /**
   * Fails a pending release whose replicas crash-loop or fail to start, or that is not ready within its
   * progress deadline, and rolls back to the last verified release when autoRollback allows (issue 3).
   */
  async #checkProgress(
    release: Release,
    status: AppStatus,
    /** Slots of replacement replicas: their failures are the failure policy's to judge. */
    handledSlots: ReadonlySet<string>,
    now: number,
    /** When the current canary step began: each step gets the whole deadline to become ready. */
    stepStartedAt = 0,
  ): Promise<Next> {
    const services = Object.values(release.spec.services);
    const deadlineMs = Math.max(...services.map((s) => s.rollout?.progressDeadlineMs ?? 600_000));
    // Like a resumed Kubernetes Deployment, a resumed release gets its whole deadline again.
    const since = Math.max(release.createdAt, this.#guard.resumedAt(release.app) ?? 0, stepStartedAt);
    const failures = status.failures.filter((f) => !handledSlots.has(`${f.service}/${f.replica}`));
    let why: string | undefined;
    if (failures.length > 0) why = `replicas failed: ${failures.map((f) => f.reason).join('; ')}`;
    else if (now - since > deadlineMs) {
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
