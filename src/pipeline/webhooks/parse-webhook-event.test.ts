import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import type { Forge } from './forge.js';
import { parseWebhookEvent } from './parse-webhook-event.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url));
const json = (name: string): Record<string, unknown> =>
  JSON.parse(fixture(name).toString('utf8')) as Record<string, unknown>;
const body = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

const c2 = '6b1f53303a732ccc8c6aae6640399827c15250e3';
const before = '51de2b835bd35a67eb32dbcd3d77d4b96e5aa39d';
const prHead = '5498d9b96ed2832e04a90c4ac2ab71f869b2bfdc';
const delivery = '7a3c2e10-5f4b-11ef-8b2d-0242ac120002';
const pushFiles = ['README.md', 'old/legacy.ts', 'src/basket.ts'];

const headersFor: Record<Forge, (event: string) => Record<string, string>> = {
  github: (event) => ({
    'x-github-event': event,
    'x-github-delivery': delivery,
    'content-type': 'application/json',
  }),
  gitea: (event) => ({ 'x-gitea-event': event, 'x-gitea-delivery': delivery }),
  forgejo: (event) => ({ 'x-forgejo-event': event, 'x-forgejo-delivery': delivery, 'x-gitea-event': event }),
  gitlab: (event) => ({ 'x-gitlab-event': event, 'x-gitlab-event-uuid': delivery }),
};

describe('parseWebhookEvent', () => {
  it.each([
    {
      forge: 'github' as const,
      event: 'push',
      file: 'github-push',
      expected: {
        event: 'push',
        ref: 'refs/heads/main',
        branch: 'main',
        commit: c2,
        before,
        repoUrl: 'https://github.com/acme/shop.git',
        repo: 'acme/shop',
        changedFiles: pushFiles,
        changedFilesComplete: true,
        sender: 'dana',
        message: 'Fix basket total\n\nRounds to cents.',
      },
    },
    {
      forge: 'gitea' as const,
      event: 'push',
      file: 'gitea-push',
      expected: {
        event: 'push',
        ref: 'refs/heads/main',
        branch: 'main',
        commit: c2,
        before,
        repoUrl: 'https://git.example.com/acme/shop.git',
        repo: 'acme/shop',
        changedFiles: pushFiles,
        changedFilesComplete: true,
        sender: 'dana',
        message: 'Fix basket total\n\nRounds to cents.',
      },
    },
    {
      forge: 'gitlab' as const,
      event: 'Push Hook',
      file: 'gitlab-push',
      expected: {
        event: 'push',
        ref: 'refs/heads/main',
        branch: 'main',
        commit: c2,
        before,
        repoUrl: 'https://gitlab.example.com/acme/shop.git',
        repo: 'acme/shop',
        changedFiles: pushFiles,
        changedFilesComplete: true,
        sender: 'dana',
        message: 'Fix basket total\n\nRounds to cents.',
      },
    },
  ])('normalises a $forge push to the same shape', ({ forge, event, file, expected }) => {
    expect(parseWebhookEvent(forge, headersFor[forge](event), fixture(file))).toEqual({
      forge,
      deliveryId: delivery,
      ...expected,
    });
  });

  it.each([
    ['github', 'push', 'github-tag', 'Fix basket total\n\nRounds to cents.'],
    ['gitlab', 'Tag Push Hook', 'gitlab-tag-push', 'Release 1.4.0'],
  ] as const)(
    'reads a %s tag push as a tag event on the tagged commit, not the tag object',
    (forge, event, file, message) => {
      expect(parseWebhookEvent(forge, headersFor[forge](event), fixture(file))).toMatchObject({
        event: 'tag',
        ref: 'refs/tags/v1.4.0',
        tag: 'v1.4.0',
        commit: c2,
        message,
      });
    },
  );

  it.each([
    ['github', 'pull_request', 'github-pull-request-fork', 'refs/pull/17/head', 17, true],
    ['gitea', 'pull_request', 'gitea-pull-request', 'refs/pull/4/head', 4, false],
    ['gitlab', 'Merge Request Hook', 'gitlab-merge-request-fork', 'refs/merge-requests/23/head', 23, true],
  ] as const)(
    'reads a %s pull request with new commits and tells whether it comes from a fork',
    (forge, event, file, ref, number, fromFork) => {
      const parsed = parseWebhookEvent(forge, headersFor[forge](event), fixture(file));
      expect(parsed).toMatchObject({
        event: 'pull_request',
        ref,
        commit: prHead,
        changedFilesComplete: false,
        pullRequest: { number, action: 'synchronized', baseBranch: 'main', fromFork },
      });
    },
  );

  it('reads a Forgejo push from its own headers', () => {
    expect(parseWebhookEvent('forgejo', headersFor.forgejo('push'), fixture('gitea-push'))).toMatchObject({
      forge: 'forgejo',
      deliveryId: delivery,
      event: 'push',
      commit: c2,
    });
  });

  it('answers a GitHub ping without starting anything', () => {
    expect(parseWebhookEvent('github', headersFor.github('ping'), fixture('github-ping'))).toEqual({
      forge: 'github',
      deliveryId: delivery,
      event: 'ping',
      repo: 'acme/shop',
    });
  });

  it.each([
    [
      'github',
      'push',
      { ...json('github-push'), deleted: true, after: '0'.repeat(40) },
      /deleted refs\/heads\/main/,
    ],
    ['gitlab', 'Push Hook', { ...json('gitlab-push'), after: '0'.repeat(40), checkout_sha: null }, /deleted/],
    [
      'github',
      'pull_request',
      { ...json('github-pull-request-fork'), action: 'labeled' },
      /"labeled" starts no run/,
    ],
    ['github', 'issue_comment', { action: 'created' }, /"issue_comment" starts no run/],
    [
      'gitlab',
      'Merge Request Hook',
      changeAttributes(json('gitlab-merge-request-fork'), { oldrev: undefined }),
      /"update"/,
    ],
  ] as const)('ignores a %s %s that should start no run, saying why', (forge, event, payload, reason) => {
    const parsed = parseWebhookEvent(forge, headersFor[forge](event), body(payload));
    expect(parsed.event).toBe('ignored');
    expect(parsed.event === 'ignored' && parsed.reason).toMatch(reason);
  });

  it('marks the changed files incomplete when the forge listed fewer commits than were pushed', () => {
    const payload = { ...json('gitea-push'), total_commits: 12 };
    expect(parseWebhookEvent('gitea', headersFor.gitea('push'), body(payload))).toMatchObject({
      changedFiles: pushFiles,
      changedFilesComplete: false,
    });
  });

  it('takes the GitLab Idempotency-Key, which survives retries, over X-Gitlab-Event-UUID', () => {
    const headers = { ...headersFor.gitlab('Push Hook'), 'idempotency-key': 'retry-stable-key' };
    expect(parseWebhookEvent('gitlab', headers, fixture('gitlab-push')).deliveryId).toBe('retry-stable-key');
  });

  it('reads the payload field of a form-encoded body', () => {
    const form = `payload=${encodeURIComponent(fixture('github-push').toString('utf8'))}`;
    const headers = { ...headersFor.github('push'), 'content-type': 'application/x-www-form-urlencoded' };
    expect(parseWebhookEvent('github', headers, form)).toMatchObject({ event: 'push', commit: c2 });
  });

  it.each([
    [
      'without an event header',
      { 'x-github-delivery': delivery },
      fixture('github-push'),
      /no x-github-event header/,
    ],
    [
      'without a delivery id',
      { 'x-github-event': 'push' },
      fixture('github-push'),
      /no x-github-delivery header/,
    ],
    ['with a body that is not JSON', headersFor.github('push'), Buffer.from('ref=main'), /not valid JSON/],
    [
      'with a commit id that is not hex',
      headersFor.github('push'),
      body({ ...json('github-push'), head_commit: { id: 'HEAD', message: '' } }),
      /head_commit\.id: expected a 40 or 64 hex digit commit id/,
    ],
    [
      'without a repository',
      headersFor.github('push'),
      body({ ...json('github-push'), repository: undefined }),
      /repository:/,
    ],
  ])(
    'refuses a GitHub webhook %s with BERTH_BAD_REQUEST naming the problem',
    (_case, headers, payload, message) => {
      let error: unknown;
      try {
        parseWebhookEvent('github', headers, payload);
      } catch (caught) {
        error = caught;
      }
      expect(isBerthError(error) && error.code).toBe('BERTH_BAD_REQUEST');
      expect(String(error)).toMatch(message);
    },
  );
});

function changeAttributes(
  payload: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...payload,
    object_attributes: { ...(payload.object_attributes as Record<string, unknown>), ...changes },
  };
}
