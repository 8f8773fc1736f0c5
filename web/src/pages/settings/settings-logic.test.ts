import { describe, expect, it } from 'vitest';
import { outcomeClass, parseAppList, sourceBody, tabOf, tokenState, webhookUrl } from './settings-logic';
import type { ApiToken } from './types';

const token = (patch: Partial<ApiToken>): ApiToken => ({
  id: 1,
  user: 'ada',
  name: 'ci',
  createdAt: 0,
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  ...patch,
});

describe('settings page logic', () => {
  it('opens the tab the URL names, else Users for admins and API tokens for others', () => {
    expect(tabOf('audit', false)).toBe('audit');
    expect(tabOf(null, true)).toBe('users');
    expect(tabOf('nonsense', false)).toBe('tokens');
  });

  it('tells active, expired and revoked tokens apart, revoked first', () => {
    expect(tokenState(token({}), 1000)).toBe('active');
    expect(tokenState(token({ expiresAt: 2000 }), 1000)).toBe('active');
    expect(tokenState(token({ expiresAt: 1000 }), 1000)).toBe('expired');
    expect(tokenState(token({ expiresAt: 500, revokedAt: 400 }), 1000)).toBe('revoked');
  });

  it.each([
    ['201', 'ok'],
    ['200', 'ok'],
    ['ok', 'ok'],
    ['403', 'denied'],
    ['401', 'denied'],
    ['failed', 'denied'],
    ['throttled', 'denied'],
    ['422', 'error'],
    ['500', 'error'],
  ])('classes the audit outcome %s as %s, as the API filters it', (outcome, expected) => {
    expect(outcomeClass(outcome)).toBe(expected);
  });

  it('reads an app scope from a comma or space separated list; empty means every app', () => {
    expect(parseAppList(' shop, blog  shop ')).toEqual(['shop', 'blog']);
    expect(parseAppList('  ,  ')).toBeUndefined();
  });

  it('builds the webhook URL from the address the browser uses', () => {
    expect(webhookUrl('http://127.0.0.1:7070', '/hooks/shop/github')).toBe(
      'http://127.0.0.1:7070/hooks/shop/github',
    );
    expect(webhookUrl('https://berth.example.com/', '/hooks/a/gitlab')).toBe(
      'https://berth.example.com/hooks/a/gitlab',
    );
  });

  it('re-sends the stored source without nulls when rotating the webhook secret', () => {
    expect(
      sourceBody(
        {
          repoUrl: 'https://git.example.com/acme/shop.git',
          branch: 'main',
          forge: 'gitea',
          forgeApi: null,
          forgeRepo: 'acme/shop',
          pollSeconds: null,
        },
        { rotateWebhookSecret: true },
      ),
    ).toEqual({
      repoUrl: 'https://git.example.com/acme/shop.git',
      branch: 'main',
      forge: 'gitea',
      forgeRepo: 'acme/shop',
      rotateWebhookSecret: true,
    });
  });
});
