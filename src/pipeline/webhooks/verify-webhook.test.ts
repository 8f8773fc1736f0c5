import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from './verify-webhook.js';

const secret = 'whsec-7Gk2pQ9xLm4vR8tZ';
const body = Buffer.from('{"ref":"refs/heads/main"}');
const hmac = (key: string, data: Buffer = body): string =>
  createHmac('sha256', key).update(data).digest('hex');

describe('verifyWebhook', () => {
  it.each([
    ['github', { 'x-hub-signature-256': `sha256=${hmac(secret)}` }],
    ['gitea', { 'x-gitea-signature': hmac(secret) }],
    ['gitea', { 'X-Gitea-Signature': hmac(secret).toUpperCase() }],
    ['forgejo', { 'x-forgejo-signature': hmac(secret), 'x-gitea-signature': hmac(secret) }],
    ['forgejo', { 'x-gitea-signature': hmac(secret) }],
    ['gitlab', { 'x-gitlab-token': secret }],
  ])('accepts a %s request signed with the secret (%j)', (forge, headers) => {
    expect(verifyWebhook(forge, headers, body, secret)).toEqual({ ok: true, forge });
  });

  it.each([
    ['github', { 'x-hub-signature-256': `sha256=${hmac('another-secret')}` }],
    ['github', { 'x-hub-signature-256': hmac(secret) }],
    ['github', { 'x-hub-signature-256': `sha256=${hmac(secret).slice(0, 63)}` }],
    ['github', { 'x-hub-signature-256': `sha256=${hmac(secret).slice(0, 62)}zz` }],
    ['gitea', { 'x-gitea-signature': `sha256=${hmac(secret)}` }],
    ['gitea', { 'x-gitea-signature': hmac(secret, Buffer.from('{"ref":"refs/heads/evil"}')) }],
    ['forgejo', { 'x-forgejo-signature': hmac(secret), 'x-gitea-signature': hmac('another-secret') }],
    ['gitlab', { 'x-gitlab-token': `${secret}x` }],
    ['gitlab', { 'x-gitlab-token': secret.slice(0, -1) }],
    ['gitlab', { 'x-gitlab-token': [secret, 'guess'] }],
  ])('rejects a %s request with a wrong signature (%j)', (forge, headers) => {
    const result = verifyWebhook(forge, headers, body, secret);
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a request whose body was changed after signing', () => {
    const headers = { 'x-hub-signature-256': `sha256=${hmac(secret)}` };
    const changed = Buffer.from('{"ref":"refs/heads/mainx"}');
    expect(verifyWebhook('github', headers, changed, secret)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it.each([
    ['github', { 'x-hub-signature': 'sha1=0123' }, /x-hub-signature-256/],
    ['gitea', {}, /x-gitea-signature or x-forgejo-signature/],
    ['gitlab', { 'x-gitlab-event': 'Push Hook' }, /x-gitlab-token/],
  ])('rejects an unsigned %s request, naming the header it needs', (forge, headers, message) => {
    const result = verifyWebhook(forge, headers, body, secret);
    expect(result).toMatchObject({ ok: false, reason: 'missing-signature' });
    expect(!result.ok && result.message).toMatch(message);
  });

  it('reads fetch Headers as well as Node header records', () => {
    const headers = new Headers({ 'X-Hub-Signature-256': `sha256=${hmac(secret)}` });
    expect(verifyWebhook('github', headers, body, secret).ok).toBe(true);
  });

  it('never accepts a request when no secret is configured, even one signed with the empty key', () => {
    const headers = { 'x-hub-signature-256': `sha256=${hmac('')}` };
    expect(verifyWebhook('github', headers, body, '')).toMatchObject({
      ok: false,
      reason: 'secret-not-configured',
    });
    expect(verifyWebhook('gitlab', { 'x-gitlab-token': '' }, body, '')).toMatchObject({
      ok: false,
      reason: 'secret-not-configured',
    });
  });

  it('rejects an unknown forge by name', () => {
    expect(verifyWebhook('bitbucket', {}, body, secret)).toMatchObject({
      ok: false,
      reason: 'unknown-forge',
      message: expect.stringContaining('"bitbucket"'),
    });
  });
});
