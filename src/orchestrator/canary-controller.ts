import type { ManagedContainer } from '../engine/index.js';
import { trafficStats, weightedUpstreams, type Ingress } from '../ingress/index.js';
import type { Release, Store } from '../store/index.js';
import {
  advanceCanary,
  canaryCap,
  canaryWeight,
  startCanary,
  type CanaryEvent,
  type CanaryState,
} from './canary-steps.js';
import type { DesiredApp } from './desired-state.js';
import { upstreamsOf, type TrafficSplit } from './ingress-routes.js';
import type { ReplicaHealth } from './plan-types.js';

/** What the reconciler needs before `plan`: slot caps and the ingress's traffic splits. */
export interface CanaryPlan {
  caps: Map<string, number>;
  splits: TrafficSplit[];
}

/** A canary's say on a pending release after a pass. */
export interface CanaryVerdict {
  /** A step failed (roll back) or its verification was inconclusive (pause). */
  verdict?: { outcome: 'failed' | 'inconclusive'; message: string };
  /** Some canary is not promoted yet: the release must not be promoted. */
  holding: boolean;
  /** Every holding canary is in its pause (the progress deadline does not run then, as in Argo). */
  pausing: boolean;
  /** When the current step began: the progress deadline counts from then. */
  stepStartedAt?: number;
  wakeAt?: number;
  /** A step started or passed: reconcile again so the new weight is published at once. */
  changed: boolean;
}

interface AppMemory {
  release: number;
  services: Map<string, CanaryState>;
}

const isRollback = (release: Release): boolean => release.reason.startsWith('rollback to');

/**
 * Canary releases (`x-berth.rollout.strategy: canary`, issue 3) on top of the rolling update: caps how
 * many slots get the new configuration, publishes each step's weight through the ingress, verifies each
 * step's pause on the access log (canary against stable), and records `canary.*` events. State is in
 * memory; after a daemon restart the step is taken from the release's events and its pause starts over.
 */
export class CanaryController {
  readonly #deps: { store: Store; ingress: Ingress };
  readonly #apps = new Map<string, AppMemory>();
  /** By app: service -> configuration whose replicas get no traffic (a failed or superseded canary). */
  readonly #zeroed = new Map<string, Map<string, string>>();

  constructor(deps: { store: Store; ingress: Ingress }) {
    this.#deps = deps;
  }

  /** Called before `plan` on every pass: the caps and weights of the app's current release. */
  prepare(
    app: string,
    release: Release | undefined,
    desired: DesiredApp | undefined,
    observed: readonly ManagedContainer[],
    now: number,
  ): CanaryPlan {
    const memory = this.#memory(app, release, desired, observed, now);
    const zeroed = this.#zeroed.get(app) ?? new Map<string, string>();
    // A canary configuration stops being zeroed once none of its replicas is left.
    for (const [service, hash] of zeroed) {
      if (!observed.some((c) => c.service === service && c.hash === hash)) zeroed.delete(service);
    }
    if (zeroed.size === 0) this.#zeroed.delete(app);
    const caps = new Map<string, number>();
    const splits: TrafficSplit[] = [];
    for (const state of memory?.services.values() ?? []) {
      const percent = canaryWeight(state);
      if (percent === undefined) continue;
      const replicas = desired?.services.find((s) => s.name === state.service)?.replicas ?? 1;
      // A failed canary keeps its slots (no further replacement) but gets no traffic.
      const step = state.steps[Math.min(state.step, state.steps.length - 1)];
      caps.set(state.service, canaryCap(replicas, step?.weight ?? 100));
      splits.push({ service: state.service, canaryHash: state.hash, percent });
    }
    for (const [service, hash] of zeroed) {
      if (!splits.some((s) => s.service === service)) splits.push({ service, canaryHash: hash, percent: 0 });
    }
    return { caps, splits };
  }

  /** The release was resumed after an inconclusive step: that step's pause starts over. */
  resume(app: string, now: number): void {
    for (const [service, state] of this.#apps.get(app)?.services ?? []) {
      if (state.phase !== 'pausing') continue;
      const { verification: _old, ...rest } = state;
      this.#apps.get(app)?.services.set(service, { ...rest, phase: 'scaling', stepStartedAt: now });
    }
  }

  /** Called after a pass of a pending release: moves each canary on and records its events. */
  advance(input: {
    release: Release;
    desired: DesiredApp;
    observed: readonly ManagedContainer[];
    health: ReadonlyMap<string, ReplicaHealth>;
    now: number;
  }): CanaryVerdict {
    const { release, desired, observed, health, now } = input;
    const memory = this.#apps.get(release.app);
    const result: CanaryVerdict = { holding: false, pausing: true, changed: false };
    if (memory?.release !== release.number) return { ...result, pausing: false };
    const messages: string[] = [];
    for (const [service, state] of memory.services) {
      if (state.phase === 'promoted' || state.phase === 'failed') continue;
      const spec = desired.specs.get(service);
      const replicas = desired.services.find((s) => s.name === service)?.replicas ?? 1;
      const mine = observed.filter((c) => c.service === service && c.replica <= replicas);
      const isReady = (c: ManagedContainer): boolean =>
        c.state === 'running' && health.get(c.id)?.ready === true;
      const canary = mine.filter((c) => c.hash === state.hash);
      const canaryReady = canary.filter(isReady);
      // Old replicas in slots whose new replica is ready are being removed (start-first): not stable.
      const stable = mine.filter(
        (c) => c.hash !== state.hash && isReady(c) && !canaryReady.some((n) => n.replica === c.replica),
      );
      const verify = spec?.rollout.verify;
      const checkSince = state.verification?.lastCheckAt;
      const step = advanceCanary(
        state,
        {
          replicas,
          canaryReady: canaryReady.map((c) => c.name),
          canaryNotReady: canary.filter((c) => !isReady(c)).map((c) => c.name),
          stableReady: stable.length,
          publishedPercent: (weight) =>
            weightedUpstreams(
              stable.map((c) => c.id),
              canaryReady.map((c) => c.id),
              weight,
            ).actualPercent,
          ...(verify && checkSince !== undefined
            ? { traffic: this.#traffic(canaryReady, stable, desired, checkSince, now) }
            : {}),
        },
        verify,
        now,
      );
      memory.services.set(service, step.state);
      this.#record(release.app, step.events);
      if (step.events.length > 0) result.changed = true;
      messages.push(step.message);
      if (step.state.phase === 'failed') this.#zero(release.app, service, state.hash);
      if (step.verdict && result.verdict?.outcome !== 'failed') result.verdict = step.verdict;
      if (step.state.phase === 'promoted') continue;
      result.holding = true;
      if (step.state.phase !== 'pausing') result.pausing = false;
      result.stepStartedAt = Math.max(result.stepStartedAt ?? 0, step.state.stepStartedAt);
      if (step.wakeAt !== undefined) result.wakeAt = Math.min(result.wakeAt ?? step.wakeAt, step.wakeAt);
    }
    if (!result.holding) result.pausing = false;
    const message = messages.join('; ');
    if (!result.verdict && result.holding && message !== '' && message !== release.message) {
      this.#deps.store.releases.setStatus(release.app, release.number, 'pending', message);
    }
    return result;
  }

  /** Requests the canary and the stable replicas answered since the last check (same access log). */
  #traffic(
    canary: readonly ManagedContainer[],
    stable: readonly ManagedContainer[],
    desired: DesiredApp,
    since: number,
    now: number,
  ): { canary: ReturnType<typeof trafficStats>; stable: ReturnType<typeof trafficStats> } {
    const { traffic } = this.#deps.ingress;
    traffic.poll(now);
    return {
      canary: trafficStats(traffic.records(upstreamsOf(canary, desired), since)),
      stable: trafficStats(traffic.records(upstreamsOf(stable, desired), since)),
    };
  }

  #record(app: string, events: readonly CanaryEvent[]): void {
    for (const e of events) this.#deps.store.events.add(app, e.kind, e.message, e.data);
  }

  #zero(app: string, service: string, hash: string): void {
    const zeroed = this.#zeroed.get(app) ?? new Map<string, string>();
    zeroed.set(service, hash);
    this.#zeroed.set(app, zeroed);
  }

  /** The app's canaries for its current release, started or restored when the release is new here. */
  #memory(
    app: string,
    release: Release | undefined,
    desired: DesiredApp | undefined,
    observed: readonly ManagedContainer[],
    now: number,
  ): AppMemory | undefined {
    const known = this.#apps.get(app);
    if (known && known.release === release?.number) return known;
    // A canary superseded by another release (a rollback, an abort, a new deploy) gets no more traffic.
    for (const state of known?.services.values() ?? []) {
      const hash = desired?.services.find((s) => s.name === state.service)?.hash;
      if (state.phase !== 'promoted' && hash !== state.hash) this.#zero(app, state.service, state.hash);
    }
    this.#apps.delete(app);
    if (!release || !desired) return undefined;
    // Remembered even when empty, so the events are read once per release, not on every pass.
    const memory: AppMemory = { release: release.number, services: new Map() };
    this.#apps.set(app, memory);
    const canaries = desired.services.filter((s) => desired.specs.get(s.name)?.rollout.canary);
    // A rollback (automatic, manual or an abort) goes back at once, never step by step.
    if (canaries.length === 0 || isRollback(release)) return memory;
    if (release.status !== 'pending' && release.status !== 'paused' && release.status !== 'failed')
      return memory;
    const events = this.#deps.store.events
      .list(app, { limit: 1000 })
      .filter((e) => e.kind.startsWith('canary.') && e.data?.['release'] === release.number);
    for (const service of canaries) {
      const steps = desired.specs.get(service.name)?.rollout.canary?.steps;
      if (!steps) continue;
      const init = { service: service.name, release: release.number, hash: service.hash, steps };
      const last = events.find((e) => e.data?.['service'] === service.name);
      const updating = observed.some((c) => c.service === service.name && c.hash !== service.hash);
      const state = last
        ? restoreCanary(init, last.kind, Number(last.data?.['step'] ?? 1), now)
        : updating && release.status !== 'failed'
          ? startCanary(init, now)
          : undefined;
      if (state) memory.services.set(service.name, state);
    }
    return memory;
  }
}

/**
 * After a daemon restart: the step from the release's newest `canary.*` event. A step that was
 * pausing starts its pause over once its replicas are ready again (the traffic seen before is not
 * counted); a passed step goes on with the next one.
 */
export function restoreCanary(
  init: Pick<CanaryState, 'service' | 'release' | 'hash' | 'steps'>,
  kind: string,
  step: number,
  now: number,
): CanaryState {
  const base = startCanary(init, now);
  if (kind === 'canary.promoted') return { ...base, step: init.steps.length, phase: 'promoted' };
  if (kind === 'canary.failed') return { ...base, step: step - 1, phase: 'failed' };
  if (kind === 'canary.verified') {
    return step >= init.steps.length
      ? { ...base, step: init.steps.length, phase: 'promoted' }
      : { ...base, step };
  }
  return { ...base, step: Math.max(0, step - 1) };
}
