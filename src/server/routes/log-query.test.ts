import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKit, testToken, type ApiKit } from '../api-test-kit.js';

let kit: ApiKit;
beforeEach(async () => {
  kit = await apiKit();
  kit.deployApp('shop');
});
afterEach(() => kit.close());

const auth = { authorization: `Bearer ${testToken}` };
const ns = (ms: number): string => `${ms}000000`;
const t0 = Date.now() - 60_000;

async function push(
  body: unknown,
  headers: Record<string, string> = {},
  path = '/loki/api/v1/push',
): Promise<Response> {
  return kit.api.request(path, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

const lines = {
  streams: [
    {
      stream: { app: 'shop', service: 'web' },
      values: [
        [ns(t0), 'level=info msg="GET /" status=200'],
        [ns(t0 + 1000), 'level=error msg="GET /pay" status=500', { trace_id: 'abc123' }],
        [ns(t0 + 2000), 'level=info msg="GET /cart" status=200'],
      ],
    },
    { stream: { app: 'bank', service: 'api' }, values: [[ns(t0 + 500), 'level=error msg="bank secret"']] },
  ],
};

async function query(params: Record<string, string>): Promise<Response> {
  return kit.get(`/api/v1/logs/query_range?${new URLSearchParams(params).toString()}`);
}

describe('the log API', () => {
  it('accepts a Loki push (plain and gzip) and answers a log query newest first', async () => {
    expect((await push(lines)).status).toBe(204);
    const res = await query({ query: '{service="web"} | logfmt | status >= 500', since: '1h' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      resultType: string;
      entries: { line: string; streamLabels: object; fields: object; metadata: object }[];
    };
    expect(body.resultType).toBe('streams');
    expect(body.entries).toHaveLength(1);
    expect(body.entries[0]).toMatchObject({
      line: 'level=error msg="GET /pay" status=500',
      streamLabels: { app: 'shop', service: 'web' },
      fields: { status: '500', msg: 'GET /pay' },
      metadata: { trace_id: 'abc123' },
    });
    const zipped = gzipSync(
      JSON.stringify({
        streams: [{ stream: { app: 'shop', service: 'web' }, values: [[ns(t0 + 3000), 'zipped line']] }],
      }),
    );
    expect((await push(zipped, { 'content-encoding': 'gzip' })).status).toBe(204);
    const all = (await (await query({ query: '{app="shop"}', since: '1h' })).json()) as {
      entries: { line: string }[];
    };
    expect(all.entries.map((e) => e.line)).toEqual([
      'zipped line',
      'level=info msg="GET /cart" status=200',
      'level=error msg="GET /pay" status=500',
      'level=info msg="GET /" status=200',
    ]);
  });

  it('scopes a query to the app given, whatever the selector says', async () => {
    await push(lines);
    const body = (await (await query({ query: '{app="bank"}', app: 'shop', since: '1h' })).json()) as {
      entries: { line: string }[];
    };
    expect(body.entries.every((e) => !e.line.includes('bank'))).toBe(true);
  });

  it('answers a metric query with series', async () => {
    await push(lines);
    const res = await query({
      query: 'sum by (service) (count_over_time({app=~"shop|bank"} |= "level=error" [1h]))',
      start: String(t0 + 5000),
      end: String(t0 + 5000),
      step: '1m',
    });
    const body = (await res.json()) as {
      resultType: string;
      series: { labels: object; points: [number, number][] }[];
    };
    expect(body.resultType).toBe('matrix');
    expect(body.series).toEqual([
      { labels: { service: 'api' }, points: [[t0 + 5000, 1]] },
      { labels: { service: 'web' }, points: [[t0 + 5000, 1]] },
    ]);
  });

  it('reports a LogQL syntax error with its line and column (422, BERTH_LOGQL)', async () => {
    const res = await query({ query: '{app="shop"} |= ', since: '1h' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: { position: object } };
    };
    expect(body.error.code).toBe('BERTH_LOGQL');
    expect(body.error.message).toContain('at line 1, column 17');
    expect(body.error.details.position).toMatchObject({ line: 1, column: 17 });
  });

  it('refuses a push with a bad timestamp, naming where', async () => {
    const res = await push({ streams: [{ stream: { app: 'shop' }, values: [['yesterday', 'x']] }] });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'streams[0].values[0][0]',
    );
  });

  it('needs the bearer token on the Loki path too', async () => {
    const res = await kit.api.request('/loki/api/v1/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(lines),
    });
    expect(res.status).toBe(401);
  });

  it('deletes a selector over a time range, and lists labels', async () => {
    await push(lines);
    const labels = (await (await kit.get('/api/v1/logs/labels')).json()) as { labels: string[] };
    expect(labels.labels).toEqual(expect.arrayContaining(['app', 'service']));
    const del = await kit.api.request('/api/v1/logs/delete', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{app="bank"}', start: String(t0 - 1000), end: String(t0 + 10_000) }),
    });
    expect(await del.json()).toEqual({ entriesDeleted: 1 });
    const rest = (await (await query({ query: '{app="bank"}', since: '1h' })).json()) as {
      entries: unknown[];
    };
    expect(rest.entries).toEqual([]);
  });

  it('lists mined patterns per app with counts', async () => {
    await push({
      streams: [
        {
          stream: { app: 'shop', service: 'web' },
          values: Array.from({ length: 20 }, (_, i) => [ns(t0 + i), `user ${i} logged in from 10.0.0.${i}`]),
        },
      ],
    });
    const body = (await (await kit.get('/api/v1/apps/shop/patterns?since=1h')).json()) as {
      patterns: { template: string; count: number }[];
    };
    expect(body.patterns).toHaveLength(1);
    expect(body.patterns[0]?.count).toBe(20);
    expect(body.patterns[0]?.template).toContain('logged in from');
  });

  it('streams new entries over SSE to a live tail', async () => {
    const res = await kit.get('/api/v1/logs/tail?query=' + encodeURIComponent('{app="shop"}'));
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const body = res.body;
    if (!body) throw new Error('no body');
    const reader = body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const decoder = new TextDecoder();
    let text = '';
    const readMore = async (): Promise<void> => {
      const { value } = await reader.read();
      text += decoder.decode(value);
    };
    while (!text.includes('event: ready')) await readMore();
    await push({
      streams: [{ stream: { app: 'shop', service: 'web' }, values: [[ns(Date.now()), 'live line']] }],
    });
    await push({
      streams: [{ stream: { app: 'bank', service: 'web' }, values: [[ns(Date.now()), 'not for shop']] }],
    });
    while (!text.includes('live line')) await readMore();
    expect(text).toContain('event: entry');
    expect(text).not.toContain('not for shop');
    await reader.cancel();
  });

  it("applies the tail query's line filters, not only its selector", async () => {
    const tailQuery = '{app="shop"} |= "wanted" | line_format "tail: {{.service}}"';
    const res = await kit.get('/api/v1/logs/tail?query=' + encodeURIComponent(tailQuery));
    const reader = res.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: ready')) text += decoder.decode((await reader.read()).value);
    await push({
      streams: [
        {
          stream: { app: 'shop', service: 'web' },
          values: [
            [ns(Date.now()), 'unwanted line'],
            [ns(Date.now() + 1), 'a wanted line'],
          ],
        },
      ],
    });
    while (!text.includes('tail: web')) text += decoder.decode((await reader.read()).value);
    expect(text).not.toContain('unwanted');
    await reader.cancel();
  });
});

describe('log reads of a user scoped to some apps', () => {
  async function scopedToken(): Promise<string> {
    const created = await kit.api.request('/api/v1/users', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sam', password: 'scoped password 1', role: 'viewer', apps: ['shop'] }),
    });
    expect(created.status).toBe(201);
    const login = await kit.api.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sam', password: 'scoped password 1' }),
    });
    return ((await login.json()) as { token: string }).token;
  }
  const as = (token: string, path: string): Promise<Response> =>
    Promise.resolve(kit.api.request(path, { headers: { authorization: `Bearer ${token}` } }));

  it('sees only its apps in queries, labels and values, and is refused another app by name', async () => {
    kit.deployApp('bank', ['api']);
    expect((await push(lines)).status).toBe(204);
    const sam = await scopedToken();

    const all = await as(
      sam,
      `/api/v1/logs/query_range?${new URLSearchParams({ query: '{app=~".+"}', since: '1h' }).toString()}`,
    );
    const bank = await as(
      sam,
      `/api/v1/logs/query_range?${new URLSearchParams({ query: '{app="bank"}', since: '1h' }).toString()}`,
    );
    const byName = await as(
      sam,
      `/api/v1/logs/query_range?${new URLSearchParams({ query: '{service="api"}', app: 'bank' }).toString()}`,
    );
    const values = await as(sam, '/api/v1/logs/labels/app/values');
    const names = await as(sam, '/api/v1/logs/labels');

    const lineOf = (e: { line: string }): string => e.line;
    expect(((await all.json()) as { entries: { line: string }[] }).entries.map(lineOf)).toHaveLength(3);
    expect(((await bank.json()) as { entries: unknown[] }).entries).toEqual([]);
    expect(byName.status).toBe(403);
    expect(((await byName.json()) as { error: { code: string } }).error.code).toBe('BERTH_FORBIDDEN');
    expect(((await values.json()) as { values: string[] }).values).toEqual(['shop']);
    expect(((await names.json()) as { labels: string[] }).labels).not.toContain('bank');
    const adminValues = (await (await kit.get('/api/v1/logs/labels/app/values')).json()) as {
      values: string[];
    };
    expect(adminValues.values).toEqual(['bank', 'shop']);
  });
});
