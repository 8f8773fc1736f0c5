import { describe, expect, it } from 'vitest';
import { resolveFenceposts, type IntOrPercent } from './fenceposts.js';

describe('resolveFenceposts (Kubernetes rounding)', () => {
  it.each<[number, IntOrPercent, IntOrPercent, number, number]>([
    [10, '25%', '25%', 3, 2],
    [3, '25%', '25%', 1, 0],
    [4, '25%', '25%', 1, 1],
    [1, '25%', '25%', 1, 0],
    [10, '0%', '0%', 0, 1],
    [10, 0, 0, 0, 1],
    [5, 2, 0, 2, 0],
    [5, '50%', '50%', 3, 2],
    [7, '10%', '10%', 1, 0],
    [100, '1%', '1%', 1, 1],
    [0, '25%', '25%', 0, 1],
  ])(
    'replicas %i, maxSurge %s, maxUnavailable %s -> surge %i, unavailable %i',
    (replicas, surge, unavailable, s, u) => {
      expect(resolveFenceposts(replicas, surge, unavailable)).toEqual({ surge: s, unavailable: u });
    },
  );
});
