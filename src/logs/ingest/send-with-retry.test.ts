import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import { retryDelayMs, sendWithRetry } from './index.js';

interface Received {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Answers each request with the next scripted reply; the last one repeats. */
let script: ((res: ServerResponse) => void)[] = [];
let received: Received[] = [];
let server: Server;
let base = '';

const reply =
  (status: number, headers: Record<string, string> = {}, body = '') =>
  (res: ServerResponse): void => {
    res.writeHead(status, headers).end(body);
  };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const next = script.length > 1 ? script.shift() : script[0];
      next?.(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  script = [];
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const fast = { baseDelayMs: 1, maxDelayMs: 5 };

describe('sendWithRetry', () => {
  it('POSTs the body as JSON with the extra headers and reports one attempt on success', async () => {
    script = [reply(204)];
    const result = await sendWithRetry(`${base}/loki/api/v1/push`, '{"streams":[]}', {
      headers: { 'x-scope-orgid': 'tenant-1' },
    });
    expect(result).toEqual({ status: 204, attempts: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      body: '{"streams":[]}',
      headers: { 'content-type': 'application/json', 'x-scope-orgid': 'tenant-1' },
    });
  });

  it('retries 503 and 429 and succeeds on the third attempt', async () => {
    script = [reply(503), reply(429, { 'retry-after': '0' }), reply(200)];
    const result = await sendWithRetry(`${base}/v1/logs`, '{}', fast);
    expect(result).toEqual({ status: 200, attempts: 3 });
    expect(received.map((r) => r.body)).toEqual(['{}', '{}', '{}']);
  });

  it('gives up after maxAttempts with BERTH_CONFIG naming the URL and the last status', async () => {
    script = [reply(500, {}, 'ingester down')];
    const error = await rejection(sendWithRetry(`${base}/push`, '{}', { ...fast, maxAttempts: 3 }));
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('BERTH_CONFIG');
    expect((error as BerthError).message).toBe(
      `the log receiver at ${base}/push failed 3 times: HTTP 500 ingester down`,
    );
    expect(received).toHaveLength(3);
  });

  it('does not retry a 400: the same body would be refused again', async () => {
    script = [reply(400, {}, 'entry too far behind')];
    const error = (await rejection(sendWithRetry(`${base}/push`, '{}', fast))) as BerthError;
    expect(error.message).toBe(
      `the log receiver at ${base}/push refused the batch: HTTP 400 entry too far behind`,
    );
    expect(error.details).toEqual({ status: 400 });
    expect(received).toHaveLength(1);
  });

  it('times out a silent receiver and retries it', async () => {
    script = [() => undefined];
    const error = (await rejection(
      sendWithRetry(`${base}/slow`, '{}', { ...fast, timeoutMs: 50, maxAttempts: 2 }),
    )) as BerthError;
    expect(error.message).toBe(`the log receiver at ${base}/slow failed 2 times: no answer within 50 ms`);
    expect(received).toHaveLength(2);
  });

  it('stops waiting between attempts when the signal aborts', async () => {
    script = [reply(503)];
    const controller = new AbortController();
    const promise = sendWithRetry(`${base}/push`, '{}', {
      baseDelayMs: 60_000,
      maxDelayMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    const started = Date.now();
    expect(((await rejection(promise)) as Error).message).toBe('shutting down');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(received).toHaveLength(1);
  });
});

describe('retryDelayMs', () => {
  it.each([
    [1, 0, 250],
    [1, 1, 500],
    [2, 0, 500],
    [3, 1, 2000],
    [10, 1, 30_000],
  ])('retry %i with random %d waits %i ms (exponential with jitter, capped)', (attempt, random, delay) => {
    expect(retryDelayMs(attempt, null, {}, () => random)).toBe(delay);
  });

  it.each([
    ['3', 3000],
    ['0', 0],
    ['120', 30_000],
  ])('honours Retry-After: %s seconds, capped at maxDelayMs', (header, delay) => {
    expect(retryDelayMs(1, header, {}, () => 0.5)).toBe(delay);
  });

  it('ignores a Retry-After date and backs off instead', () => {
    expect(retryDelayMs(1, 'Wed, 21 Oct 2015 07:28:00 GMT', { baseDelayMs: 100 }, () => 1)).toBe(100);
  });
});
