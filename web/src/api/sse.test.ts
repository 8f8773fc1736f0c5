import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe, type LiveState, type SseEvent } from './sse';

/*
 * Token mode over a real HTTP server: the browser's fetch and sessionStorage are stood in for by Node's
 * fetch (given the server's origin, since the client uses same-origin paths) and a Map.
 */
const realFetch = globalThis.fetch;
let origin = '';
let port = 0;
let server: Server | undefined;
const open = new Set<ServerResponse>();
const seenAuth: string[] = [];

function startServer(): Promise<void> {
  const s = createServer((req, res) => {
    seenAuth.push(req.headers.authorization ?? '');
    if (req.headers.authorization !== 'Bearer tok-123') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BERTH_UNAUTHORIZED', message: 'nope' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(`: hello\n\nevent: ready\ndata: {}\n\nevent: entry\ndata: {"n":${open.size + 1}}\n\n`);
    open.add(res);
    res.on('close', () => open.delete(res));
  });
  server = s;
  return new Promise((resolve) => s.listen(port, '127.0.0.1', () => resolve()));
}

function stopServer(): Promise<void> {
  for (const res of open) res.destroy();
  return new Promise((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

beforeAll(async () => {
  await startServer();
  port = (server?.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  const store = new Map<string, string>([['berth.apiToken', 'tok-123']]);
  Object.assign(globalThis, {
    sessionStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
    fetch: (url: string, init?: RequestInit) => realFetch(`${origin}${url}`, init),
  });
});

afterAll(async () => {
  await stopServer();
  Object.assign(globalThis, { fetch: realFetch, sessionStorage: undefined });
});

const until = async (what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('subscribe() with an API token (fetch streaming)', () => {
  it('sends the bearer token, delivers the named events asked for, and reconnects after a restart', async () => {
    const events: SseEvent[] = [];
    const states: LiveState[] = [];

    const stop = subscribe(
      '/logs/tail',
      (e) => events.push(e),
      (s) => states.push(s),
      {
        events: ['entry'],
        query: { query: '{app="shop"}' },
      },
    );
    await until('the first event', () => events.length === 1);
    await stopServer();
    await until('reconnecting', () => states.includes('reconnecting'));
    await startServer();
    await until('the event after the restart', () => events.length === 2);
    stop();

    expect(seenAuth.every((a) => a === 'Bearer tok-123')).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['entry', 'entry']);
    expect(states[0]).toBe('connecting');
    expect(states).toContain('live');
    expect(states.indexOf('reconnecting')).toBeLessThan(states.lastIndexOf('live'));
    expect(states.at(-1)).toBe('closed');
  });

  it('stops with the error on a 401 instead of retrying', async () => {
    sessionStorage.setItem('berth.apiToken', 'revoked');
    const states: { state: LiveState; code?: string }[] = [];

    subscribe(
      '/logs/tail',
      () => undefined,
      (state, error) => states.push({ state, ...(error ? { code: error.code } : {}) }),
    );
    await until('closed', () => states.some((s) => s.state === 'closed'));

    expect(states).toEqual([{ state: 'connecting' }, { state: 'closed', code: 'BERTH_UNAUTHORIZED' }]);
  });
});
