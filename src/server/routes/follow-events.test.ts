import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKit, testToken, type ApiKit } from '../api-test-kit.js';

let kit: ApiKit;
beforeEach(async () => {
  kit = await apiKit();
  kit.deployApp('shop');
  kit.deployApp('bank');
});
afterEach(() => kit.close());

/** Opens the stream and reads it until `done(text)` holds; answers the text read so far. */
async function follow(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ until: (done: (text: string) => boolean) => Promise<string>; stop: () => Promise<void> }> {
  const res = await kit.api.request(path, { headers: { authorization: `Bearer ${testToken}`, ...headers } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    until: async (done) => {
      while (!done(text)) text += decoder.decode((await reader.read()).value);
      return text;
    },
    stop: () => reader.cancel(),
  };
}

const ids = (text: string): number[] => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

describe('GET /apps/{app}/events?follow=1', () => {
  it('sends the recent events oldest first, then new events of that app as they are recorded', async () => {
    kit.store.events.add('shop', 'replica.created', 'web.1 created');
    kit.store.events.add('shop', 'replica.created', 'web.2 created');
    const stream = await follow('/api/v1/apps/shop/events?follow=1&limit=10');
    const backlog = await stream.until((t) => t.includes('web.2 created'));
    expect(backlog.indexOf('web.1 created')).toBeLessThan(backlog.indexOf('web.2 created'));
    expect(backlog).toContain('event: event');

    kit.store.events.add('bank', 'replica.created', 'not for shop');
    kit.store.events.add('shop', 'release.active', 'release 1 is ready');
    const text = await stream.until((t) => t.includes('release 1 is ready'));
    await stream.stop();

    expect(text).not.toContain('not for shop');
    const seen = ids(text);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const data = text.split('\n').filter((line) => line.startsWith('data: '));
    expect(JSON.parse(data.at(-1)?.slice('data: '.length) ?? '')).toMatchObject({
      app: 'shop',
      kind: 'release.active',
      message: 'release 1 is ready',
    });
  });

  it('resumes after Last-Event-ID, so a reconnecting client gets only what it missed', async () => {
    for (const n of [1, 2, 3]) kit.store.events.add('shop', 'replica.created', `web.${n} created`);
    const all = kit.store.events.list('shop').map((e) => e.id);
    const stream = await follow('/api/v1/apps/shop/events', {
      accept: 'text/event-stream',
      'last-event-id': String(Math.min(...all)),
    });
    const text = await stream.until((t) => t.includes('web.3 created'));
    await stream.stop();
    expect(text).not.toContain('web.1 created');
    expect(ids(text)).toEqual([...all].sort((a, b) => a - b).slice(1));
  });

  it('still answers JSON without follow', async () => {
    kit.store.events.add('shop', 'replica.created', 'web.1 created');
    const res = await kit.get('/api/v1/apps/shop/events');
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { events: unknown[] }).events).toHaveLength(1);
  });
});
