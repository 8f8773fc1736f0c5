import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFiles } from './changed-files.js';
import { checkout } from './checkout.js';
import { GitFixture, testEnv } from './testing/git-fixture.js';

const env = { PATH: testEnv['PATH'] };
let repo: GitFixture;
let base: string;
let edited: string;
let renamed: string;

beforeAll(() => {
  repo = new GitFixture();
  base = repo.commit('base', { 'src/app.ts': 'one\n', 'docs/guide.md': 'guide\n', 'old.txt': 'x\n' });
  edited = repo.commit('edit and add', { 'src/app.ts': 'two\n', 'src/new.ts': 'new\n', 'old.txt': null });
  repo.git('mv', 'docs/guide.md', 'docs/manual.md');
  renamed = repo.commit('rename', {});
  repo.push('main');
});

afterAll(() => repo.cleanup());

/** A depth-1 checkout of `commit`: `before` is not in it yet. */
async function shallow(commit: string, gitEnv: Record<string, string | undefined> = env): Promise<string> {
  const dir = repo.workspace();
  await checkout({ repoUrl: repo.remote, commit, ref: 'main', dir, env: gitEnv });
  return dir;
}

describe('changedFiles()', () => {
  it('lists files added, modified and deleted between two commits, fetching the older one', async () => {
    const dir = await shallow(edited);
    expect(await changedFiles({ dir, before: base, after: edited, env })).toEqual([
      'old.txt',
      'src/app.ts',
      'src/new.ts',
    ]);
  });

  it('lists both paths of a renamed file', async () => {
    const dir = await shallow(renamed);
    expect(await changedFiles({ dir, before: edited, after: renamed, env })).toEqual([
      'docs/guide.md',
      'docs/manual.md',
    ]);
  });

  it('compares the trees, so a push spanning several commits lists each path once', async () => {
    const dir = await shallow(renamed);
    expect(await changedFiles({ dir, before: base, after: renamed, env })).toEqual([
      'docs/guide.md',
      'docs/manual.md',
      'old.txt',
      'src/app.ts',
      'src/new.ts',
    ]);
  });

  it('is empty when before and after are the same commit', async () => {
    const dir = await shallow(edited);
    expect(await changedFiles({ dir, before: edited, after: edited, env })).toEqual([]);
  });

  it('is undefined for a new branch, whose before is all zeros', async () => {
    const dir = await shallow(edited);
    expect(await changedFiles({ dir, before: '0'.repeat(40), after: edited, env })).toBeUndefined();
  });

  it('is undefined when before is not on the remote (force-pushed away)', async () => {
    const dir = await shallow(edited);
    expect(
      await changedFiles({ dir, before: 'a'.repeat(40), after: edited, ref: 'main', env }),
    ).toBeUndefined();
  });

  it('deepens along the ref when the server refuses to send before by id', async () => {
    const v0 = repo.protocolV0Env();
    const dir = await shallow(renamed, v0);
    expect(repo.gitIn(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(await changedFiles({ dir, before: base, after: renamed, ref: 'main', env: v0 })).toEqual([
      'docs/guide.md',
      'docs/manual.md',
      'old.txt',
      'src/app.ts',
      'src/new.ts',
    ]);
  });

  it('refuses a before that is not a full commit id', async () => {
    const dir = await shallow(edited);
    await expect(changedFiles({ dir, before: 'HEAD~1', after: edited, env })).rejects.toThrow(
      'before "HEAD~1" is not a full commit id',
    );
  });

  it('refuses a directory that is not a checkout', async () => {
    await expect(changedFiles({ dir: repo.root, before: base, after: edited, env })).rejects.toThrow(
      `"${repo.root}" is not a checkout with an origin remote`,
    );
  });
});
