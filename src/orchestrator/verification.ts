import type { VerifySpec } from '../app/index.js';
import type { TrafficStats } from '../ingress/index.js';
import { judgeTraffic, previousRelease, type BaselineNames } from './traffic-comparison.js';

/** Progress of one release's verification (Flagger analysis: checks at intervals over a window). */
export interface VerificationState {
  release: number;
  startedAt: number;
  lastCheckAt: number;
  passed: number;
  failed: number;
  inconclusive: number;
  done: boolean;
  /** Both sides' numbers of the last check that had enough requests. */
  lastSummary?: string;
}

export type VerificationOutcome = 'continue' | 'verified' | 'failed' | 'inconclusive';

export const startVerification = (release: number, now: number): VerificationState => ({
  release,
  startedAt: now,
  lastCheckAt: now,
  passed: 0,
  failed: 0,
  inconclusive: 0,
  done: false,
});

/**
 * One step of verification. A check runs once per interval on the traffic since the previous check: too
 * few requests is inconclusive; a 5xx rate or p99 above its absolute limit, or too far above the previous
 * release's (`baseline`, see `judgeTraffic`), is a failure. `failureLimit` failures fail the release at
 * once; at the end of the window it is verified if any check passed, else inconclusive (Flagger pauses
 * then: the release is neither promoted nor rolled back). Messages carry both sides' numbers. Pure.
 */
export function verificationStep(
  state: VerificationState,
  spec: VerifySpec,
  traffic: TrafficStats,
  now: number,
  baseline?: TrafficStats,
  names: BaselineNames = previousRelease,
): { state: VerificationState; outcome: VerificationOutcome; message: string } {
  let next = state;
  let message = `verifying: ${state.passed} checks passed, ${state.failed} failed, ${state.inconclusive} inconclusive`;
  if (now - state.lastCheckAt >= spec.intervalMs) {
    if (traffic.requests >= spec.minRequests) {
      const { problems, summary } = judgeTraffic(spec, traffic, baseline, names);
      next =
        problems.length > 0 ? { ...state, failed: state.failed + 1 } : { ...state, passed: state.passed + 1 };
      next = { ...next, lastSummary: summary };
      message = problems.length > 0 ? `${problems.join(', ')} (${summary})` : `check passed: ${summary}`;
    } else {
      next = { ...state, inconclusive: state.inconclusive + 1 };
      message = `inconclusive: ${traffic.requests} requests < minRequests ${spec.minRequests}`;
    }
    next = { ...next, lastCheckAt: now };
    if (next.failed >= spec.failureLimit)
      return {
        state: { ...next, done: true },
        outcome: 'failed',
        message: `verification failed: ${message}`,
      };
  }
  if (now - state.startedAt >= spec.windowMs) {
    const outcome = next.passed > 0 ? 'verified' : 'inconclusive';
    const summary = `${next.passed} checks passed, ${next.failed} failed, ${next.inconclusive} inconclusive`;
    const last = next.lastSummary === undefined ? '' : `; last judged check: ${next.lastSummary}`;
    return {
      state: { ...next, done: true },
      outcome,
      message:
        outcome === 'verified'
          ? `verified: ${summary}${last}`
          : `verification inconclusive (${summary}); paused`,
    };
  }
  return { state: next, outcome: 'continue', message };
}
