import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { commitStatusRequest, type CommitStatusInput } from './commit-status-request.js';

const sha = '6b1f53303a732ccc8c6aae6640399827c15250e3';
const input: CommitStatusInput = {
  apiBase: 'https://api.github.com',
  repo: 'acme/shop',
  sha,
  state: 'success',
  targetUrl: 'https://berth.example.com/apps/shop/runs/42',
  description: 'Pipeline passed in 2m 10s',
  context: 'berth/pipeline',
  token: 'forge-token-1234',
};
const json = { 'Content-Type': 'application/json', 'User-Agent': 'berth' };

describe('commitStatusRequest', () => {
  it('builds the GitHub request', () => {
    expect(commitStatusRequest('github', input)).toEqual({
      method: 'POST',
      url: `https://api.github.com/repos/acme/shop/statuses/${sha}`,
      headers: {
        ...json,
        Accept: 'application/vnd.github+json',
        Authorization: 'Bearer forge-token-1234',
        'X-GitHub-Api-Version': '2022-11-28',
      },
      body: JSON.stringify({
        state: 'success',
        target_url: 'https://berth.example.com/apps/shop/runs/42',
        description: 'Pipeline passed in 2m 10s',
        context: 'berth/pipeline',
      }),
    });
  });

  it.each(['gitea', 'forgejo'] as const)('builds the %s request under /api/v1', (forge) => {
    expect(
      commitStatusRequest(forge, { ...input, apiBase: 'https://git.example.com/', state: 'pending' }),
    ).toEqual({
      method: 'POST',
      url: `https://git.example.com/api/v1/repos/acme/shop/statuses/${sha}`,
      headers: { ...json, Accept: 'application/json', Authorization: 'token forge-token-1234' },
      body: JSON.stringify({
        state: 'pending',
        target_url: 'https://berth.example.com/apps/shop/runs/42',
        description: 'Pipeline passed in 2m 10s',
        context: 'berth/pipeline',
      }),
    });
  });

  it('builds the GitLab request with the project path encoded and the state mapped', () => {
    expect(
      commitStatusRequest('gitlab', {
        ...input,
        apiBase: 'https://gitlab.example.com',
        repo: 'acme/backend/shop',
        state: 'failure',
      }),
    ).toEqual({
      method: 'POST',
      url: `https://gitlab.example.com/api/v4/projects/acme%2Fbackend%2Fshop/statuses/${sha}`,
      headers: { ...json, Accept: 'application/json', 'PRIVATE-TOKEN': 'forge-token-1234' },
      body: JSON.stringify({
        state: 'failed',
        name: 'berth/pipeline',
        target_url: 'https://berth.example.com/apps/shop/runs/42',
        description: 'Pipeline passed in 2m 10s',
      }),
    });
  });

  it.each([
    ['pending', 'running'],
    ['success', 'success'],
    ['failure', 'failed'],
    ['error', 'canceled'],
  ] as const)('reports Berth state %s to GitLab as %s', (state, gitlab) => {
    const request = commitStatusRequest('gitlab', {
      ...input,
      apiBase: 'https://gitlab.example.com',
      repo: 278964,
      state,
    });
    expect(request.url).toBe(`https://gitlab.example.com/api/v4/projects/278964/statuses/${sha}`);
    expect(JSON.parse(request.body)).toMatchObject({ state: gitlab });
  });

  it.each([
    ['gitea', 'https://git.example.com/api/v1', 'https://git.example.com/api/v1/repos/'],
    ['gitlab', 'https://example.com/gitlab/api/v4/', 'https://example.com/gitlab/api/v4/projects/'],
    ['github', 'https://ghe.example.com/api/v3', 'https://ghe.example.com/api/v3/repos/'],
  ] as const)('does not repeat the API prefix already in the %s base URL', (forge, apiBase, prefix) => {
    expect(commitStatusRequest(forge, { ...input, apiBase }).url.startsWith(prefix)).toBe(true);
  });

  it('shortens a description GitHub would refuse to 140 characters', () => {
    const body = JSON.parse(
      commitStatusRequest('github', { ...input, description: 'x'.repeat(300) }).body,
    ) as { description: string };
    expect([...body.description]).toHaveLength(140);
    expect(body.description.endsWith('…')).toBe(true);
  });

  it.each([
    ['a short commit id', { sha: '6b1f533' }, /"6b1f533" is not a full commit id/],
    ['a repository without an owner', { repo: 'shop' }, /"shop" is not an owner\/name repository/],
    ['a repository path escaping the owner', { repo: 'acme/..' }, /not an owner\/name/],
    [
      'an API URL that is not http(s)',
      { apiBase: 'ftp://git.example.com' },
      /forge API URL "ftp:\/\/git.example.com"/,
    ],
    ['a run link that is not a URL', { targetUrl: '/runs/42' }, /run link "\/runs\/42"/],
    ['no token', { token: '' }, /no github token/],
  ])('refuses %s with BERTH_CONFIG', (_case, change, message) => {
    let error: unknown;
    try {
      commitStatusRequest('github', { ...input, ...change });
    } catch (caught) {
      error = caught;
    }
    expect(isBerthError(error) && error.code).toBe('BERTH_CONFIG');
    expect(String(error)).toMatch(message);
  });
});
