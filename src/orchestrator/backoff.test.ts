import { describe, expect, it } from 'vitest';
import { crashLoopDelayMs, nextAttempt } from './backoff.js';

const kubelet = { initialMs: 10_000, maxMs: 300_000, resetMs: 600_000 };

describe('crashLoopDelayMs', () => {
  it.each([
    [1, 0],
    [2, 10_000],
    [3, 20_000],
    [4, 40_000],
    [5, 80_000],
    [6, 160_000],
    [7, 300_000],
    [50, 300_000],
  ])('restart %i waits %i ms with kubelet defaults', (attempt, delay) => {
    expect(crashLoopDelayMs(attempt, kubelet)).toBe(delay);
  });

  it('honours a short test configuration', () => {
    const fast = { initialMs: 200, maxMs: 1000, resetMs: 5000 };
    expect([1, 2, 3, 4, 5].map((a) => crashLoopDelayMs(a, fast))).toEqual([0, 200, 400, 800, 1000]);
  });
});

describe('nextAttempt', () => {
  it('starts a new crash loop after the container ran longer than the reset time', () => {
    expect(nextAttempt({ attempts: 5, total: 9, lastRestartAt: 0 }, 600_000, kubelet)).toBe(1);
  });

  it('continues the crash loop when the container died quickly', () => {
    expect(nextAttempt({ attempts: 5, total: 9, lastRestartAt: 0 }, 2_000, kubelet)).toBe(6);
  });

  it('treats a replica that never restarted as attempt one', () => {
    expect(nextAttempt(undefined, 1, kubelet)).toBe(1);
  });
});
