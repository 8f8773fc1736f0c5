import type { CanaryStep, VerifySpec } from '../app/index.js';
import type { TrafficStats } from '../ingress/index.js';
import { canaryLabel } from './canary-progress.js';
import { stableSide } from './traffic-comparison.js';
import { startVerification, verificationStep, type VerificationState } from './verification.js';

/** Where one service's canary stands (kept in the daemon's memory, rebuilt from events on restart). */
export interface CanaryState {
  service: string;
  release: number;
  /** Configuration hash of the new replicas: the canary side of the traffic split. */
  hash: string;
  steps: readonly CanaryStep[];
  /** 0-based index of the current step; `steps.length` once promoted. */
  step: number;
  /**
   * `scaling`: waiting for the step's canary replicas to be ready; `pausing`: the step holds for its
   * pause while its traffic is verified; `promoted`: every step passed; `failed`: a step failed.
   */
  phase: 'scaling' | 'pausing' | 'promoted' | 'failed';
  stepStartedAt: number;
  /** The pause's checks (Flagger analysis over the pause); set while `pausing`. */
  verification?: VerificationState;
}

/** What one reconcile saw of a canary service. */
export interface CanaryObservation {
  /** The service's desired replica count. */
  replicas: number;
  /** Names of running, ready replicas of the new configuration. */
  canaryReady: readonly string[];
  /** Names of the other replicas of the new configuration (starting, crashed, not ready). */
  canaryNotReady: readonly string[];
  stableReady: number;
  /** The canary's share of the published DNS records at a weight (see weightedUpstreams). */
  publishedPercent: (weight: number) => number;
  /** The canary's and the stable replicas' requests since the last check (with `verify` only). */
  traffic?: { canary: TrafficStats; stable: TrafficStats };
}

export type CanaryEventKind = 'canary.step' | 'canary.verified' | 'canary.failed' | 'canary.promoted';

export interface CanaryEvent {
  kind: CanaryEventKind;
  message: string;
  data: Record<string, unknown>;
}

export interface CanaryAdvance {
  state: CanaryState;
  events: CanaryEvent[];
  /** A failed step fails the release; an inconclusive one pauses it (Flagger/Argo). */
  verdict?: { outcome: 'failed' | 'inconclusive'; message: string };
  /** The release's progress message (`canary web step 1/2 at 10%: …`). */
  message: string;
  /** When the step's next check or the end of its pause is due. */
  wakeAt?: number;
}

/**
 * Replica slots that may hold the new configuration at a step: `ceil(replicas × weight / 100)`, at
 * least 1. Below 100 % at least one slot keeps the old version (when there are two or more), or a step
 * like 67 % of 3 replicas would replace them all and send the canary everything. The traffic share
 * itself comes from the DNS weights, not from this.
 *
 * @example
 * canaryCap(3, 34); // 2
 * canaryCap(3, 90); // 2: one old replica keeps 10 % of the requests
 * canaryCap(10, 10); // 1
 */
export function canaryCap(replicas: number, weight: number): number {
  const wanted = Math.max(1, Math.ceil((replicas * weight) / 100));
  const most = weight >= 100 ? replicas : Math.max(1, replicas - 1);
  return Math.min(wanted, most);
}

export const startCanary = (
  init: Pick<CanaryState, 'service' | 'release' | 'hash' | 'steps'>,
  now: number,
): CanaryState => ({ ...init, step: 0, phase: 'scaling', stepStartedAt: now });

/** The current step's weight: 0 after a failure, undefined once promoted (no split any more). */
export function canaryWeight(state: CanaryState): number | undefined {
  if (state.phase === 'failed') return 0;
  if (state.phase === 'promoted') return undefined;
  return state.steps[state.step]?.weight;
}

/** `canary web step 1/2 at 10%` (the release view reads it back, see canary-progress.ts). */
const stepLabel = (state: CanaryState): string => canaryLabel(state.service, state.step, state.steps);

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * One reconcile's worth of a canary (Argo Rollouts' setWeight + pause, verified like Flagger): a step
 * starts its pause once `canaryCap` replicas of the new configuration are ready; during the pause the
 * canary must stay ready and, with `verify`, its requests are judged against the stable replicas' in
 * the same checks (absolute and relative limits). A passed pause moves to the next step; after the last
 * one the canary is promoted and the rolling update finishes. Pure; at most one step passes per call.
 */
export function advanceCanary(
  start: CanaryState,
  seen: CanaryObservation,
  verify: VerifySpec | undefined,
  now: number,
): CanaryAdvance {
  let state = start;
  const events: CanaryEvent[] = [];
  const data = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    release: state.release,
    service: state.service,
    step: state.step + 1,
    steps: state.steps.length,
    weight: state.steps[state.step]?.weight,
    ...extra,
  });
  const step = state.steps[state.step];
  if (state.phase === 'promoted' || state.phase === 'failed' || !step) {
    return { state, events, message: `canary ${state.service} ${state.phase}` };
  }
  const cap = canaryCap(seen.replicas, step.weight);
  if (state.phase === 'scaling') {
    if (seen.canaryReady.length < cap) {
      const message = `${stepLabel(state)}: waiting for ${cap} replicas of the new version to be ready (${seen.canaryReady.length} ready)`;
      return { state, events, message };
    }
    state = { ...state, phase: 'pausing', verification: startVerification(state.release, now) };
    const actualPercent = seen.publishedPercent(step.weight);
    events.push({
      kind: 'canary.step',
      message: `release ${state.release}: ${stepLabel(state)}: ${actualPercent}% of requests to ${seen.canaryReady.length} canary and ${seen.stableReady} stable replicas; pausing ${seconds(step.pauseMs)}`,
      data: data({ actualPercent, canary: seen.canaryReady.length, stable: seen.stableReady }),
    });
  }
  const checks = state.verification ?? startVerification(state.release, now);
  if (checks.done) return { state, events, message: `${stepLabel(state)}: paused` };
  const fail = (why: string): CanaryAdvance => {
    const message = `${stepLabel(state)} failed: ${why}`;
    events.push({ kind: 'canary.failed', message: `release ${state.release}: ${message}`, data: data() });
    state = { ...state, phase: 'failed', verification: { ...checks, done: true } };
    return { state, events, message, verdict: { outcome: 'failed', message } };
  };
  if (seen.canaryReady.length < cap) {
    const lost = seen.canaryNotReady.length > 0 ? seen.canaryNotReady.join(', ') : 'a canary replica';
    return fail(`${lost} stopped being ready during the pause (${seen.canaryReady.length}/${cap} ready)`);
  }
  const pauseEnd = checks.startedAt + step.pauseMs;
  let passed: string;
  if (verify) {
    // The pause is the analysis window; at least one check per pause, however long `interval` is.
    const spec = { ...verify, windowMs: step.pauseMs, intervalMs: Math.min(verify.intervalMs, step.pauseMs) };
    const traffic = seen.traffic ?? { canary: noTraffic, stable: noTraffic };
    const result = verificationStep(checks, spec, traffic.canary, now, traffic.stable, stableSide);
    state = { ...state, verification: result.state };
    if (result.outcome === 'failed') return fail(result.message);
    if (result.outcome === 'inconclusive') {
      const message = `${stepLabel(state)}: ${result.message}`;
      return { state, events, message, verdict: { outcome: 'inconclusive', message } };
    }
    if (result.outcome === 'continue') {
      const wakeAt = Math.min(result.state.lastCheckAt + spec.intervalMs, pauseEnd);
      return { state, events, message: `${stepLabel(state)}: ${result.message}`, wakeAt };
    }
    passed = result.message;
  } else {
    if (now < pauseEnd) {
      const message = `${stepLabel(state)}: pausing ${seconds(step.pauseMs)}, ${seconds(pauseEnd - now)} left (${seen.canaryReady.length} canary replicas ready)`;
      return { state, events, message, wakeAt: pauseEnd };
    }
    passed = `${seen.canaryReady.length} canary replicas stayed ready for ${seconds(step.pauseMs)}`;
  }
  events.push({
    kind: 'canary.verified',
    message: `release ${state.release}: ${stepLabel(state)} passed (${passed})`,
    data: data(),
  });
  const next = state.step + 1;
  if (next >= state.steps.length) {
    state = { ...state, step: next, phase: 'promoted' };
    events.push({
      kind: 'canary.promoted',
      message: `release ${state.release}: canary ${state.service} promoted after ${state.steps.length} steps; the rolling update replaces the remaining replicas`,
      data: { release: state.release, service: state.service, steps: state.steps.length },
    });
    return { state, events, message: `canary ${state.service} promoted` };
  }
  // The next step's weight is published by the next pass; its replicas are counted from then on.
  const { verification: _done, ...rest } = state;
  state = { ...rest, step: next, phase: 'scaling', stepStartedAt: now };
  return { state, events, message: `${stepLabel(state)}: starting` };
}

const noTraffic: TrafficStats = { requests: 0, errors5xx: 0, errorRate: 0, p99Ms: undefined };
