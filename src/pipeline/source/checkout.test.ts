import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { checkout, type CheckoutProgress } from './checkout.js';
import { GitFixture, testEnv } from './testing/git-fixture.js';

const env = { PATH: testEnv['PATH'] };
let repo: GitFixture;
let first: string;
let second: string;
let feature: string;
let tagged: string;

beforeAll(() => {
  repo = new GitFixture();
  first = repo.commit('first: add app\n\nWith a body.', { 'app.txt': 'v1\n', 'README.md': '# shop\n' });
  second = repo.commit('second: bump app', { 'app.txt': 'v2\n' });
  repo.push('main');
  repo.git('tag', '-a', 'v1.0.0', '-m', 'release 1.0.0', first);
  repo.git('checkout', '--quiet', '-b', 'feature');
  feature = repo.commit('feature work', { 'feature.txt': 'new\n' });
  repo.push('feature', 'refs/tags/v1.0.0');
  repo.git('checkout', '--quiet', 'main');
  tagged = first;
});

afterAll(() => repo.cleanup());

/** What a rejected promise rejected with. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('checkout()', () => {
  it('checks out an older commit by id, shallow, with its message and author', async () => {
    const dir = repo.workspace();
    const result = await checkout({ repoUrl: repo.remote, commit: first, dir, env });
    expect(result).toMatchObject({
      commit: first,
      ref: undefined,
      message: 'first: add app\n\nWith a body.',
      author: { name: 'Berth Test', email: 'test@berth.invalid' },
    });
    expect(Date.parse(result.committedAt)).not.toBeNaN();
    expect(readFileSync(join(dir, 'app.txt'), 'utf8')).toBe('v1\n');
    expect(repo.gitIn(dir, 'rev-parse', 'HEAD')).toBe(first);
    expect(repo.gitIn(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(repo.gitIn(dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('HEAD'); // detached
  });

  it('checks out the tip of a branch given by name or by full ref', async () => {
    for (const ref of ['feature', 'refs/heads/feature']) {
      const dir = repo.workspace();
      const result = await checkout({ repoUrl: repo.remote, ref, dir, env });
      expect(result.commit).toBe(feature);
      expect(result.ref).toBe(ref);
      expect(readFileSync(join(dir, 'feature.txt'), 'utf8')).toBe('new\n');
    }
  });

  it('checks out the commit an annotated tag points to', async () => {
    const result = await checkout({
      repoUrl: repo.remote,
      ref: 'refs/tags/v1.0.0',
      dir: repo.workspace(),
      env,
    });
    expect(result.commit).toBe(tagged);
  });

  it("checks out the remote's default branch when given neither commit nor ref", async () => {
    const result = await checkout({ repoUrl: `file://${repo.remote}`, dir: repo.workspace(), env });
    expect(result.commit).toBe(second);
  });

  it('fetches as many commits of history as depth asks for', async () => {
    const dir = repo.workspace();
    await checkout({ repoUrl: repo.remote, ref: 'main', dir, depth: 2, env });
    expect(repo.gitIn(dir, 'rev-list', '--count', 'HEAD')).toBe('2');
  });

  it('rejects an unknown commit with a message naming the commit and the remote', async () => {
    const unknown = 'e'.repeat(40);
    const error = await failure(
      checkout({ repoUrl: repo.remote, commit: unknown, dir: repo.workspace(), env }),
    );
    expect(isBerthError(error)).toBe(true);
    expect((error as Error).message).toBe(`commit ${unknown} was not found in "${repo.remote}"`);
  });

  it('rejects an unknown branch with git’s reason and a hint', async () => {
    const error = await failure(
      checkout({ repoUrl: repo.remote, ref: 'nosuch', dir: repo.workspace(), env }),
    );
    expect(error).toMatchObject({
      message: `fetching "nosuch" from "${repo.remote}" failed: couldn't find remote ref nosuch`,
      hint: expect.stringContaining('branch, tag or commit'),
    });
  });

  it('rejects a commit that is not on the given branch', async () => {
    const error = await failure(
      checkout({ repoUrl: repo.remote, commit: 'd'.repeat(40), ref: 'main', dir: repo.workspace(), env }),
    );
    expect((error as Error).message).toBe(`commit ${'d'.repeat(40)} is not on "main" in "${repo.remote}"`);
  });

  it('reports a missing remote as unreachable', async () => {
    const error = await failure(
      checkout({ repoUrl: join(repo.root, 'missing.git'), ref: 'main', dir: repo.workspace(), env }),
    );
    expect(error).toMatchObject({
      message: expect.stringContaining('does not appear to be a git repository'),
      hint: expect.stringContaining('repository URL'),
    });
  });

  const marker = (name: string): string => join(repo.root, `pwned-${name}`);
  it.each([
    ['a ref that is an option', { ref: '--upload-pack=touch MARK' }, 'git ref "--upload-pack'],
    ['a ref with a space', { ref: 'main touch MARK' }, 'contains a space'],
    ['a ref with ..', { ref: 'main/../x' }, 'contains ".."'],
    ['a commit that is an option', { commit: '--upload-pack=touch MARK' }, 'is not a full commit id'],
    ['an abbreviated commit', { commit: 'abc1234' }, 'is not a full commit id'],
    ['a URL that is an option', { repoUrl: '--upload-pack=touch MARK' }, 'starts with "-"'],
    ['an ext:: remote helper', { repoUrl: 'ext::sh -c touch% MARK' }, 'remote helper'],
    ['an ssh host that is an option', { repoUrl: 'ssh://-oProxyCommand=calc/x' }, 'starting with "-"'],
    ['a depth of zero', { depth: 0 }, 'clone depth 0'],
  ])('refuses %s before running git', async (name, input, message) => {
    const dir = repo.workspace();
    const mark = marker(name.replace(/\W+/g, '-'));
    const withMark = Object.fromEntries(
      Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? v.replace('MARK', mark) : v]),
    );
    const error = await failure(checkout({ repoUrl: repo.remote, ref: 'main', dir, env, ...withMark }));
    expect(error).toMatchObject({
      code: 'BERTH_PIPELINE_INVALID',
      message: expect.stringContaining(message),
    });
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(mark)).toBe(false);
  });

  it('runs no hooks, not even ones a git template installs', async () => {
    const home = join(repo.root, 'home-hooks');
    const mark = join(repo.root, 'hook-ran');
    mkdirSync(join(home, 'template', 'hooks'), { recursive: true });
    writeFileSync(join(home, '.gitconfig'), `[init]\n\ttemplateDir = ${join(home, 'template')}\n`);
    writeFileSync(join(home, 'template', 'hooks', 'post-checkout'), `#!/bin/sh\ntouch ${mark}\n`, {
      mode: 0o755,
    });
    const dir = repo.workspace();
    await checkout({ repoUrl: repo.remote, ref: 'main', dir, env: { ...env, HOME: home } });
    expect(existsSync(join(dir, '.git', 'hooks', 'post-checkout'))).toBe(true);
    expect(existsSync(mark)).toBe(false);
  });

  it('refuses to reuse an earlier checkout, whose .git a step could have changed', async () => {
    const dir = repo.workspace();
    await checkout({ repoUrl: repo.remote, commit: first, dir, env });
    const error = await failure(checkout({ repoUrl: repo.remote, commit: second, dir, env }));
    expect((error as Error).message).toBe(`checkout directory "${dir}" is not empty`);
  });

  it('refuses a directory that holds other files', async () => {
    const dir = repo.workspace();
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const error = await failure(checkout({ repoUrl: repo.remote, commit: first, dir, env }));
    expect((error as Error).message).toBe(`checkout directory "${dir}" is not empty`);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('lists the files changed since `before`', async () => {
    const result = await checkout({
      repoUrl: repo.remote,
      commit: feature,
      before: first,
      dir: repo.workspace(),
      env,
    });
    expect(result.changedFiles).toEqual(['app.txt', 'feature.txt']);
  });

  it('reports the stages in order, ending with done', async () => {
    const stages: CheckoutProgress['stage'][] = [];
    await checkout({
      repoUrl: repo.remote,
      commit: second,
      before: first,
      dir: repo.workspace(),
      env,
      onProgress: (p) => {
        if (stages.at(-1) !== p.stage) stages.push(p.stage);
      },
    });
    expect(stages).toEqual(['init', 'fetch', 'checkout', 'diff', 'done']);
  });

  it('rejects with the abort reason when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('run cancelled'));
    const error = await failure(
      checkout({ repoUrl: repo.remote, ref: 'main', dir: repo.workspace(), env, signal: controller.signal }),
    );
    expect((error as Error).message).toBe('run cancelled');
  });

  it('gives up when the timeout passes', async () => {
    const error = await failure(
      checkout({ repoUrl: repo.remote, ref: 'main', dir: repo.workspace(), env, timeoutMs: 1 }),
    );
    expect((error as Error).message).toMatch(/did not finish within 1 ms/);
  });
});

describe('checkout() from a server that refuses commits by id (protocol v0)', () => {
  let old: GitFixture;
  let commits: string[];
  beforeAll(() => {
    old = new GitFixture();
    commits = Array.from({ length: 40 }, (_, i) => old.commit(`commit ${i}`, { 'n.txt': `${i}\n` }));
    old.push('main');
  });
  afterAll(() => old.cleanup());

  it('walks back along the ref to find an older commit', async () => {
    const dir = old.workspace();
    const target = commits[2] as string;
    const result = await checkout({
      repoUrl: old.remote,
      commit: target,
      ref: 'main',
      dir,
      env: old.protocolV0Env(),
    });
    expect(result.commit).toBe(target);
    expect(readFileSync(join(dir, 'n.txt'), 'utf8')).toBe('2\n');
  });

  it('asks for the ref when given only a commit that is not a tip', async () => {
    const error = await failure(
      checkout({
        repoUrl: old.remote,
        commit: commits[2],
        dir: old.workspace(),
        env: old.protocolV0Env(),
      }),
    );
    expect(error).toMatchObject({
      message: `commit ${commits[2]} was not found in "${old.remote}"`,
      hint: expect.stringContaining('also give the branch or tag'),
    });
  });

  it('stops walking back after maxDeepen commits', async () => {
    const error = await failure(
      checkout({
        repoUrl: old.remote,
        commit: commits[0],
        ref: 'main',
        maxDeepen: 10,
        dir: old.workspace(),
        env: old.protocolV0Env(),
      }),
    );
    expect((error as Error).message).toBe(
      `commit ${commits[0]} is not among the last 10 commits of "main" in "${old.remote}"`,
    );
  });
});
