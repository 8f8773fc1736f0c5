import { describe, expect, it } from 'vitest';
import { runsToStart, supersededBy } from './run-queue.js';

describe('runsToStart', () => {
  it('starts the oldest queued runs up to the global limit, one per app', () => {
    const queued = [
      { id: 3, app: 'shop' },
      { id: 1, app: 'shop' },
      { id: 2, app: 'blog' },
      { id: 4, app: 'wiki' },
    ];
    expect(runsToStart(queued, [], 2)).toEqual([1, 2]);
    expect(runsToStart(queued, [{ app: 'blog' }], 2)).toEqual([1]);
    expect(runsToStart(queued, [{ app: 'shop' }], 3)).toEqual([2, 4]);
    expect(runsToStart(queued, [{ app: 'x' }, { app: 'y' }], 2)).toEqual([]);
  });
});

describe('supersededBy', () => {
  const queued = [
    { id: 1, app: 'shop', event: 'push' },
    { id: 2, app: 'shop', event: 'manual' },
    { id: 3, app: 'blog', event: 'push' },
  ];
  it('replaces queued pushes of the same app with a newer push', () => {
    expect(supersededBy(queued, { app: 'shop', event: 'push' })).toEqual([1]);
  });
  it('never replaces anything for a manual or cron run', () => {
    expect(supersededBy(queued, { app: 'shop', event: 'manual' })).toEqual([]);
  });
});
