import type { ProbeSpec } from '../app/index.js';

/** Consecutive results of one probe on one container (kubelet prober semantics). */
export interface ProbeState {
  /** Readiness starts false; liveness starts true (a container is live until proven otherwise). */
  passing: boolean;
  successes: number;
  failures: number;
  lastMessage: string;
}

export const initialProbeState = (kind: 'readiness' | 'liveness'): ProbeState => ({
  passing: kind === 'liveness',
  successes: 0,
  failures: 0,
  lastMessage: 'not probed yet',
});

/** Folds one probe result into the state: flips after successThreshold / failureThreshold in a row. */
export function nextProbeState(state: ProbeState, ok: boolean, message: string, spec: ProbeSpec): ProbeState {
  const successes = ok ? state.successes + 1 : 0;
  const failures = ok ? 0 : state.failures + 1;
  let passing = state.passing;
  if (ok && successes >= spec.successThreshold) passing = true;
  if (!ok && failures >= spec.failureThreshold) passing = false;
  return { passing, successes, failures, lastMessage: message };
}
