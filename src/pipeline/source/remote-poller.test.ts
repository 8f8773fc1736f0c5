import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefChange } from './diff-heads.js';
import type { LsRemoteOptions, RemoteHeads } from './ls-remote.js';
import { RemotePoller, type PolledRepo } from './remote-poller.js';
import { FakeClock } from './testing/fake-clock.js';
import { GitFixture, testEnv } from './testing/git-fixture.js';

const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(40)) as [string, string, string];
const url = 'https://git.example.com/acme/shop.git';

/** A remote whose heads the test moves; records when it was listed. */
class FakeRemote {
  heads = new Map([['refs/heads/main', a]]);
  failWith: Error | undefined;
  listedAt: number[] = [];
  /** When set, listing waits for this promise (or the abort signal). */
  gate: Promise<void> | undefined;
  constructor(private readonly clock: FakeClock) {}

  list = async (_url: string, options: LsRemoteOptions): Promise<RemoteHeads> => {
    this.listedAt.push(this.clock.now());
    if (this.gate !== undefined) {
      await Promise.race([
        this.gate,
        new Promise((_, reject) =>
          options.signal?.addEventListener('abort', () => reject(options.signal?.reason as Error)),
        ),
      ]);
    }
    if (this.failWith !== undefined) throw this.failWith;
    return new Map(this.heads);
  };
}

interface Seen {
  changes: [string, readonly RefChange[]][];
  errors: string[];
}

function setup(repos: PolledRepo[] = [{ key: 'shop', repoUrl: url }], onChanges?: () => void) {
  const clock = new FakeClock('2025-06-01T12:00:00Z');
  const remote = new FakeRemote(clock);
  const seen: Seen = { changes: [], errors: [] };
  const poller = new RemotePoller({
    clock,
    lsRemote: remote.list,
    intervalMs: 60_000,
    maxBackoffMs: 300_000,
    onChanges: (key, changes) => {
      onChanges?.();
      seen.changes.push([key, changes]);
    },
    onError: (key, error) => seen.errors.push(`${key}: ${(error as Error).message}`),
  });
  poller.set(repos);
  return { clock, remote, seen, poller };
}

const start = Date.parse('2025-06-01T12:00:00Z');
const at = (seconds: number): number => start + seconds * 1000;

describe('RemotePoller', () => {
  it('records the heads on the first poll, then reports a push at the next interval', async () => {
    const { clock, remote, seen, poller } = setup();
    poller.start();
    await clock.advance(0);
    expect(seen.changes).toEqual([['shop', []]]);
    remote.heads.set('refs/heads/main', b);
    await clock.advance(59_999);
    expect(seen.changes).toHaveLength(1);
    await clock.advance(1);
    expect(seen.changes[1]).toEqual(['shop', [{ ref: 'refs/heads/main', before: a, after: b }]]);
    expect(poller.heads('shop')?.get('refs/heads/main')).toBe(b);
    poller.stop();
  });

  it('reports pushes and tags made while Berth was down, given the stored heads', async () => {
    const stored = new Map([['refs/heads/main', a]]);
    const { clock, remote, seen, poller } = setup([{ key: 'shop', repoUrl: url, heads: stored }]);
    remote.heads.set('refs/heads/main', b);
    remote.heads.set('refs/tags/v1', b);
    poller.start();
    await clock.advance(0);
    expect(seen.changes).toEqual([
      [
        'shop',
        [
          { ref: 'refs/heads/main', before: a, after: b },
          { ref: 'refs/tags/v1', before: undefined, after: b },
        ],
      ],
    ]);
    poller.stop();
  });

  it('doubles the interval after each failure, up to the maximum, and resets on success', async () => {
    const { clock, remote, seen, poller } = setup();
    remote.failWith = new Error('connection refused');
    poller.start();
    await clock.advance(1_000_000);
    // 0, then +120 s, +240 s, then capped at +300 s.
    expect(remote.listedAt.slice(0, 5)).toEqual([at(0), at(120), at(360), at(660), at(960)]);
    expect(seen.errors[0]).toBe('shop: connection refused');
    remote.failWith = undefined;
    remote.listedAt = [];
    await clock.advance(600_000);
    expect(remote.listedAt[1]! - remote.listedAt[0]!).toBe(60_000);
    poller.stop();
  });

  it('reports the same change again when onChanges fails, so no push is lost', async () => {
    let failures = 1;
    const { clock, remote, seen, poller } = setup(
      [{ key: 'shop', repoUrl: url, heads: new Map([['refs/heads/main', a]]) }],
      () => {
        if (failures-- > 0) throw new Error('store is busy');
      },
    );
    remote.heads.set('refs/heads/main', b);
    poller.start();
    await clock.advance(0);
    expect(seen.errors).toEqual(['shop: store is busy']);
    expect(poller.heads('shop')?.get('refs/heads/main')).toBe(a);
    await clock.advance(120_000);
    expect(seen.changes).toEqual([['shop', [{ ref: 'refs/heads/main', before: a, after: b }]]]);
    poller.stop();
  });

  it('joins a poll in flight instead of starting a second one', async () => {
    const { remote, poller } = setup();
    let open!: () => void;
    remote.gate = new Promise((resolve) => (open = resolve));
    const first = poller.poll('shop');
    const second = poller.poll('shop');
    open();
    expect(await first).toEqual([]);
    expect(await second).toEqual([]);
    expect(remote.listedAt).toHaveLength(1);
  });

  it('stop() aborts a poll in flight without reporting an error, and schedules nothing more', async () => {
    const { clock, remote, seen, poller } = setup();
    remote.gate = new Promise(() => {});
    poller.start();
    await clock.advance(0);
    expect(remote.listedAt).toHaveLength(1);
    poller.stop();
    await clock.advance(600_000);
    expect(seen.errors).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
    remote.gate = undefined;
    expect(await poller.poll('shop')).toEqual([]); // a manual poll still works while stopped
  });

  it('set() polls added repositories at once and forgets removed ones', async () => {
    const { clock, remote, seen, poller } = setup();
    poller.start();
    await clock.advance(0);
    poller.set([{ key: 'blog', repoUrl: 'https://git.example.com/acme/blog.git' }]);
    await clock.advance(0);
    expect(seen.changes.map(([key]) => key)).toEqual(['shop', 'blog']);
    remote.heads.set('refs/heads/main', c);
    await clock.advance(60_000);
    expect(seen.changes.map(([key]) => key)).toEqual(['shop', 'blog', 'blog']);
    expect(poller.heads('shop')).toBeUndefined();
    await expect(poller.poll('shop')).rejects.toThrow('no polled repository "shop"');
    poller.stop();
  });
});

describe('RemotePoller on a real git remote', () => {
  let repo: GitFixture;
  beforeAll(() => {
    repo = new GitFixture();
  });
  afterAll(() => repo.cleanup());

  it('finds a new push and a new tag with git ls-remote', async () => {
    const first = repo.commit('first', { 'a.txt': '1' });
    repo.push('main');
    const poller = new RemotePoller({
      env: { PATH: testEnv['PATH'] },
      onChanges: () => {},
      onError: () => {},
    });
    poller.set([{ key: 'shop', repoUrl: repo.remote }]);
    expect(await poller.poll('shop')).toEqual([]);
    const second = repo.commit('second', { 'a.txt': '2' });
    repo.push('main');
    expect(await poller.poll('shop')).toEqual([{ ref: 'refs/heads/main', before: first, after: second }]);
    repo.git('tag', '-a', 'v1.0.0', '-m', 'release');
    repo.push('refs/tags/v1.0.0');
    expect(await poller.poll('shop')).toEqual([
      { ref: 'refs/tags/v1.0.0', before: undefined, after: second },
    ]);
    expect(await poller.poll('shop')).toEqual([]);
  });
});
