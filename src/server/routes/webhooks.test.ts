import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKit, testToken, type ApiKit } from '../api-test-kit.js';

let kit: ApiKit;
let webhookSecret: string;
let executed: string[];

beforeEach(async () => {
  executed = [];
  kit = await apiKit(
    {},
    {
      checkout: (input) => {
        executed.push(input.commit ?? input.ref);
        return Promise.reject(new Error('no checkout in this test'));
      },
      execute: () => Promise.reject(new Error('not reached')),
    },
  );
  const res = await kit.api.request('/api/v1/apps/shop/pipeline', {
    method: 'PUT',
    headers: { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ repoUrl: 'https://git.example/acme/shop.git', branch: 'main', forge: 'github' }),
  });
  const body = (await res.json()) as { webhookSecret: string; webhookPath: string };
  expect(body.webhookPath).toBe('/hooks/shop/github');
  webhookSecret = body.webhookSecret;
});
afterEach(() => kit.close());

const payload = readFileSync(new URL('../../pipeline/webhooks/fixtures/github-push.json', import.meta.url));

function hook(body: Buffer, headers: Record<string, string>): Promise<Response> {
  return Promise.resolve(
    kit.api.request('/hooks/shop/github', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', ...headers },
      body,
    }),
  );
}
const sign = (body: Buffer, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('POST /hooks/{app}/github', () => {
  it('queues one run for a correctly signed push and none for its redelivery', async () => {
    const headers = { 'x-github-delivery': 'd-1', 'x-hub-signature-256': sign(payload, webhookSecret) };
    const first = await hook(payload, headers);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ ok: true, queued: true });
    await expect.poll(() => kit.store.pipelines.runs('shop').length).toBe(1);
    const again = await hook(payload, headers);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(kit.store.pipelines.runs('shop')).toHaveLength(1);
    const [run] = kit.store.pipelines.runs('shop');
    expect(run?.trigger).toMatchObject({ event: 'push', branch: 'main', trusted: true, deliveryId: 'd-1' });
  });

  it.each([
    ['no signature', {}],
    ['a signature made with another secret', { 'x-hub-signature-256': sign(payload, 'not-the-secret') }],
  ])('rejects a push with %s (401) and creates nothing', async (_label, extra) => {
    const res = await hook(payload, { 'x-github-delivery': 'd-2', ...extra });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(kit.store.pipelines.runs('shop')).toEqual([]);
    expect(executed).toEqual([]);
  });

  it('answers 404 for an app without a configured webhook', async () => {
    const res = await kit.api.request('/hooks/blog/github', { method: 'POST', body: payload });
    expect(res.status).toBe(404);
  });

  it('does not need (or accept in place of a signature) the bearer token', async () => {
    const res = await hook(payload, { authorization: `Bearer ${testToken}`, 'x-github-delivery': 'd-3' });
    expect(res.status).toBe(401);
  });
});
