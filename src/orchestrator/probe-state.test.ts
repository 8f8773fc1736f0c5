import { describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../app/index.js';
import { initialProbeState, nextProbeState } from './probe-state.js';

const spec: ProbeSpec = {
  handler: { type: 'tcp', port: 80 },
  initialDelayMs: 0,
  periodMs: 1000,
  timeoutMs: 1000,
  successThreshold: 2,
  failureThreshold: 3,
};

const fold = (kind: 'readiness' | 'liveness', results: boolean[]): boolean[] => {
  let state = initialProbeState(kind);
  return results.map((ok) => (state = nextProbeState(state, ok, '', spec)).passing);
};

describe('probe state', () => {
  it('marks a replica ready only after successThreshold successes in a row', () => {
    expect(fold('readiness', [true, false, true, true])).toEqual([false, false, false, true]);
  });

  it('marks a ready replica unready only after failureThreshold failures in a row', () => {
    expect(fold('readiness', [true, true, false, false, true, false, false, false])).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('keeps liveness passing until failureThreshold consecutive failures', () => {
    expect(fold('liveness', [false, false, false])).toEqual([true, true, false]);
  });
});
