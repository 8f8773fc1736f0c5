import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lsRemote, parseLsRemote } from './ls-remote.js';
import { GitFixture, testEnv } from './testing/git-fixture.js';

const env = { PATH: testEnv['PATH'] };
const a = 'a'.repeat(40);
const b = 'b'.repeat(40);
const t = 'c'.repeat(40);

describe('parseLsRemote()', () => {
  it.each([
    ['a branch', `${a}\trefs/heads/main\n`, [['refs/heads/main', a]]],
    ['a lightweight tag', `${a}\trefs/tags/v1\n`, [['refs/tags/v1', a]]],
    [
      'an annotated tag as the commit it points to',
      `${t}\trefs/tags/v2\n${b}\trefs/tags/v2^{}\n`,
      [['refs/tags/v2', b]],
    ],
    ['a SHA-256 id', `${'d'.repeat(64)}\trefs/heads/x\n`, [['refs/heads/x', 'd'.repeat(64)]]],
    ['no warnings or blank lines', `warning: redirecting\n\n${a}\tHEAD\n`, [['HEAD', a]]],
  ])('reads %s', (_, output, expected) => {
    expect([...parseLsRemote(output)]).toEqual(expected);
  });
});

describe('lsRemote()', () => {
  let repo: GitFixture;
  beforeAll(() => {
    repo = new GitFixture();
  });
  afterAll(() => repo.cleanup());

  it('lists the branches and tags of a remote with the commit each points to', async () => {
    const first = repo.commit('first', { 'a.txt': '1' });
    const second = repo.commit('second', { 'a.txt': '2' });
    repo.git('tag', 'light', first);
    repo.git('tag', '-a', 'v1.0.0', '-m', 'release', second);
    repo.push('main', `${first}:refs/heads/old`, '--tags');
    const heads = await lsRemote(repo.remote, { env });
    expect(Object.fromEntries(heads)).toEqual({
      'refs/heads/main': second,
      'refs/heads/old': first,
      'refs/tags/light': first,
      'refs/tags/v1.0.0': second,
    });
  });

  it('says what failed and how to fix it when the remote does not exist', async () => {
    const missing = join(repo.root, 'missing.git');
    await expect(lsRemote(missing, { env })).rejects.toMatchObject({
      message: `listing the refs of "${missing}" failed: '${missing}' does not appear to be a git repository; Could not read from remote repository.`,
      hint: 'Check the repository URL and that this machine can reach the git server.',
    });
  });

  it('refuses a local remote when local remotes are not allowed', async () => {
    await expect(lsRemote(repo.remote, { env, allowLocal: false })).rejects.toMatchObject({
      code: 'BERTH_PIPELINE_INVALID',
      message: `repository URL "${repo.remote}" is a local path`,
    });
  });
});

describe('lsRemote() over HTTP with a token', () => {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(401, { 'www-authenticate': 'Bearer realm="git"' }).end('denied');
  });
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acme/shop.git`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the token as a bearer header and never shows it in the error', async () => {
    const token = 'tok-3f9a7c1e5b';
    const error: unknown = await lsRemote(url, { env, credentials: { token } }).catch((e: unknown) => e);
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${token}`);
    expect(error).toMatchObject({ hint: expect.stringContaining('deploy token') });
    expect(JSON.stringify(error)).not.toContain(token);
    expect((error as Error).message).not.toContain(token);
  });

  it('sends user and token as basic credentials when asked', async () => {
    await lsRemote(url, { env, credentials: { token: 'tok-1', scheme: 'basic', username: 'oauth2' } }).catch(
      () => undefined,
    );
    expect(seen.at(-1)?.authorization).toBe(`Basic ${Buffer.from('oauth2:tok-1').toString('base64')}`);
  });
});
