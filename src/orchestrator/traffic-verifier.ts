import type { VerifySpec } from '../app/index.js';
import type { ManagedContainer } from '../engine/index.js';
import { trafficStats, type Ingress, type TrafficStats } from '../ingress/index.js';
import type { Release, Store } from '../store/index.js';
import { criticalAlertSince } from './critical-alert.js';
import type { DesiredApp } from './desired-state.js';
import { upstreamsOf } from './ingress-routes.js';
import { describeSides } from './traffic-comparison.js';
import { startVerification, verificationStep, type VerificationState } from './verification.js';

export type VerifyResult =
  /** No verification asked for, or no new replica behind the ingress: promote now. */
  | { outcome: 'skip' }
  /** Verification already ended for this release (e.g. it was failed or paused). */
  | { outcome: 'idle' }
  | { outcome: 'verified' | 'failed' | 'inconclusive'; message: string }
  | { outcome: 'continue'; message: string; wakeAt: number };

const hasRelativeLimits = (spec: VerifySpec): boolean =>
  spec.maxErrorRateIncrease !== undefined || spec.maxP99Ratio !== undefined;

/** The routed services with `x-berth.rollout.verify`, and the spec that applies (the first one's). */
function verifiedServices(desired: DesiredApp): { names: Set<string>; spec: VerifySpec | undefined } {
  const routed = [...desired.specs.values()].filter((s) => s.ingress && s.rollout?.verify);
  return { names: new Set(routed.map((s) => s.name)), spec: routed[0]?.rollout?.verify };
}

/**
 * Release verification on the ingress access log (docs/decisions/0006): checks at intervals over a
 * window, Flagger semantics, optionally against the previous release's traffic in the same length of
 * time just before the deploy (the baseline, captured when the release is first seen and recorded as a
 * `release.baseline` event so a restarted daemon still has it).
 */
export class TrafficVerifier {
  readonly #deps: { store: Store; ingress: Ingress };
  readonly #states = new Map<string, VerificationState>();
  readonly #baselines = new Map<string, { release: number; stats: TrafficStats | undefined }>();

  constructor(deps: { store: Store; ingress: Ingress }) {
    this.#deps = deps;
  }

  /** Starts the next verification of the app's release over (after a resume). */
  reset(app: string): void {
    this.#states.delete(app);
  }

  /**
   * At a pending release's first pass (its old replicas are still observed): measures what the previous
   * release served in the `window` before the release was recorded, when relative limits ask for it.
   */
  noteBaseline(
    release: Release,
    desired: DesiredApp,
    observed: readonly ManagedContainer[],
    now: number,
  ): void {
    const { store, ingress } = this.#deps;
    if (this.#baselines.get(release.app)?.release === release.number) return;
    const { names, spec } = verifiedServices(desired);
    if (!spec || !hasRelativeLimits(spec)) return;
    const recorded = store.events
      .list(release.app, { limit: 200 })
      .find((e) => e.kind === 'release.baseline' && e.data?.['release'] === release.number);
    if (recorded) {
      const stats = recorded.data?.['baseline'] as TrafficStats | undefined;
      this.#baselines.set(release.app, { release: release.number, stats });
      return;
    }
    const old = observed.filter((c) => c.release !== release.number && names.has(c.service));
    if (old.length === 0) {
      this.#baselines.set(release.app, { release: release.number, stats: undefined });
      return;
    }
    ingress.traffic.poll(now);
    const stats = trafficStats(
      ingress.traffic
        .records(upstreamsOf(old, desired), release.createdAt - spec.windowMs)
        .filter((r) => r.atMs <= release.createdAt),
    );
    this.#baselines.set(release.app, { release: release.number, stats });
    store.events.add(
      release.app,
      'release.baseline',
      `release ${release.number}: the previous release in the ${Math.round(spec.windowMs / 1000)} s before the deploy: ${describeSides({ ...spec, maxErrorRateIncrease: undefined, maxP99Ratio: undefined }, stats, undefined)}`,
      { release: release.number, baseline: stats },
    );
  }

  /** One verification step for a converged release; `skip` when it has nothing to verify. */
  step(
    release: Release,
    desired: DesiredApp,
    observed: readonly ManagedContainer[],
    now: number,
  ): VerifyResult {
    const { store, ingress } = this.#deps;
    const app = release.app;
    const { names, spec } = verifiedServices(desired);
    const fresh = observed.filter(
      (c) => c.release === release.number && c.state === 'running' && names.has(c.service),
    );
    if (!spec || fresh.length === 0) return { outcome: 'skip' };
    let state = this.#states.get(app);
    if (state?.release !== release.number) {
      state = startVerification(release.number, now);
      store.events.add(
        app,
        'release.verifying',
        `release ${release.number}: verifying traffic for ${Math.round(spec.windowMs / 1000)} s`,
        { release: release.number },
      );
    }
    if (state.done) return { outcome: 'idle' };
    const alert = criticalAlertSince(store.events.list(app, { limit: 200 }), state.startedAt);
    if (alert) {
      this.#states.set(app, { ...state, done: true });
      return { outcome: 'failed', message: `verification failed: ${alert.message}` };
    }
    ingress.traffic.poll(now);
    const traffic = trafficStats(ingress.traffic.records(upstreamsOf(fresh, desired), state.lastCheckAt));
    const baseline = this.#baselines.get(app);
    const step = verificationStep(
      state,
      spec,
      traffic,
      now,
      baseline?.release === release.number ? baseline.stats : undefined,
    );
    this.#states.set(app, step.state);
    if (step.outcome === 'continue') {
      const wakeAt = Math.min(step.state.lastCheckAt + spec.intervalMs, step.state.startedAt + spec.windowMs);
      return { outcome: 'continue', message: step.message, wakeAt };
    }
    return { outcome: step.outcome, message: step.message };
  }
}
