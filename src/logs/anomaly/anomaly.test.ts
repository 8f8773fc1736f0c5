import { describe, expect, it } from 'vitest';
import { Anomaly } from './index.js';

const rate = {
  kind: 'rate',
  key: 'level:error',
  atMs: 1_700_000_000_000,
  score: 5.2,
  message: 'Rate of level:error rose to 60 per 10 s (expected 10.0).',
  details: { direction: 'spike', observed: 60, expected: 10, spread: 3.16, bucketMs: 10_000 },
};

describe('Anomaly', () => {
  it('round-trips through JSON, as the daemon stores it', () => {
    expect(Anomaly.parse(JSON.parse(JSON.stringify(rate)))).toEqual(rate);
  });

  it.each([
    ['an unknown kind', { ...rate, kind: 'weird' }],
    ['details of another kind', { ...rate, kind: 'session' }],
    ['a missing key', { ...rate, key: undefined }],
    ['an unknown direction', { ...rate, details: { ...rate.details, direction: 'sideways' } }],
    ['a fractional observed count', { ...rate, details: { ...rate.details, observed: 1.5 } }],
  ])('rejects %s', (_case, value) => {
    expect(Anomaly.safeParse(value).success).toBe(false);
  });
});
