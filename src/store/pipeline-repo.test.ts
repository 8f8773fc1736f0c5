import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './index.js';

let home: string;
let store: Store;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'berth-store-'));
  store = openStore(home);
});
afterEach(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

const push = {
  event: 'push' as const,
  ref: 'refs/heads/main',
  branch: 'main',
  commit: 'a'.repeat(40),
  sender: 'ada',
  trusted: true,
};

describe('PipelineRepo', () => {
  it('numbers runs per app and keeps their trigger, steps and outputs', () => {
    const first = store.pipelines.createRun('shop', push, 1000);
    const second = store.pipelines.createRun('shop', { ...push, event: 'manual' }, 2000);
    const other = store.pipelines.createRun('blog', push, 3000);
    expect([first.number, second.number, other.number]).toEqual([1, 2, 1]);
    expect(first).toMatchObject({ status: 'queued', commit: 'a'.repeat(40), trigger: push });
    store.pipelines.updateRun(first.id, {
      status: 'success',
      finishedAt: 5000,
      outputs: { build_digest: 'sha256:x' },
    });
    store.pipelines.upsertStep({
      runId: first.id,
      variant: '',
      name: 'test',
      kind: 'run',
      status: 'running',
      exitCode: null,
      startedAt: 1100,
      finishedAt: null,
      message: null,
      reports: null,
      artifacts: null,
      decidedBy: null,
    });
    store.pipelines.upsertStep({
      runId: first.id,
      variant: '',
      name: 'test',
      kind: 'run',
      status: 'success',
      exitCode: 0,
      startedAt: null,
      finishedAt: 1200,
      message: null,
      reports: [{ kind: 'junit', total: 3 }],
      artifacts: ['coverage/index.html'],
      decidedBy: null,
    });
    expect(store.pipelines.run(first.id)).toMatchObject({
      status: 'success',
      outputs: { build_digest: 'sha256:x' },
    });
    expect(store.pipelines.steps(first.id)).toEqual([
      expect.objectContaining({
        name: 'test',
        status: 'success',
        startedAt: 1100,
        finishedAt: 1200,
        exitCode: 0,
      }),
    ]);
    expect(store.pipelines.runs('shop').map((r) => r.number)).toEqual([2, 1]);
    expect(store.pipelines.runsWithStatus(['queued']).map((r) => r.app)).toEqual(['shop', 'blog']);
  });

  it('claims a webhook delivery once', () => {
    expect(store.pipelines.claimDelivery('github:123')).toBe(true);
    expect(store.pipelines.claimDelivery('github:123')).toBe(false);
    expect(store.pipelines.claimDelivery('github:124')).toBe(true);
  });

  it('stores secrets as opaque blobs and lists names only', () => {
    store.secrets.set('shop', 'API_TOKEN', Buffer.from([1, 2, 3]), 10);
    store.secrets.set('shop', 'API_TOKEN', Buffer.from([4, 5]), 20);
    expect(store.secrets.list('shop')).toEqual([{ name: 'API_TOKEN', updatedAt: 20 }]);
    expect(store.secrets.blobs('shop')).toEqual([{ name: 'API_TOKEN', blob: Buffer.from([4, 5]) }]);
    expect(store.secrets.delete('shop', 'API_TOKEN')).toBe(true);
    expect(store.secrets.list('shop')).toEqual([]);
  });
});
