import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKit, testToken, type ApiKit } from './api-test-kit.js';
import { dashboard, dashboardSecurityHeaders, pickEncoding } from './dashboard.js';
import { resolveInside } from './dashboard-files.js';

const root = mkdtempSync(join(tmpdir(), 'berth-dashboard-'));
const dist = join(root, 'web');
let app: Hono;
const script = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;
const indexHtml =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';

beforeAll(() => {
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
  writeFileSync(join(dist, 'index.html'), indexHtml);
  writeFileSync(join(dist, 'assets', 'index-AbC123.js'), script);
  writeFileSync(join(dist, 'assets', 'index-Def456.css'), `body { color: red; }\n`.repeat(40));
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = new Hono();
  app.get('*', dashboard({ dir: dist }));
  app.notFound((c) => c.json({ error: { code: 'BERTH_ROUTE_NOT_FOUND' } }, 404));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  Promise.resolve(app.request(path, { headers }));

describe('dashboard files', () => {
  it.each([
    ['/', 'text/html; charset=utf-8', 'no-cache'],
    ['/index.html', 'text/html; charset=utf-8', 'no-cache'],
    ['/assets/index-AbC123.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/index-Def456.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/favicon.svg', 'image/svg+xml', 'no-cache'],
  ])('serves %s as %s with cache-control %s', async (path, type, cache) => {
    const res = await get(path);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe(cache);
  });

  it('sends the security headers with every dashboard response, including 404s', async () => {
    for (const path of ['/', '/assets/index-AbC123.js', '/assets/missing.js']) {
      const res = await get(path);
      for (const [name, value] of Object.entries(dashboardSecurityHeaders)) {
        expect(res.headers.get(name), `${name} on ${path}`).toBe(value);
      }
    }
    expect(dashboardSecurityHeaders['content-security-policy']).toContain("script-src 'self';");
  });

  it('answers index.html for unknown paths a browser navigates to (SPA fallback), 404 otherwise', async () => {
    const page = await get('/apps/shop/pipelines/3', { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(indexHtml);
    expect(page.headers.get('cache-control')).toBe('no-cache');

    const asset = await get('/assets/missing-123.js', { accept: '*/*' });
    expect(asset.status).toBe(404);
    expect(asset.headers.get('content-type')).toContain('text/plain');
  });

  it('leaves /api, /hooks and /loki paths to the API, so they keep their JSON 404', async () => {
    for (const path of ['/api/v1/nothing', '/api', '/hooks/shop/github', '/loki/api/v1/push']) {
      const res = await get(path, { accept: 'text/html' });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'BERTH_ROUTE_NOT_FOUND' } });
    }
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%5c..%5csecret.txt',
    '/..%5csecret.txt',
    '/secret.txt%00.js',
    '/%E0%A4%A',
    // An absolute path, encoded so the URL parser keeps it.
    '/' + encodeURIComponent(join(root, 'secret.txt')),
  ])('never serves a file outside the dashboard folder: %s', async (path) => {
    for (const accept of ['*/*', 'text/html']) {
      const res = await get(path, { accept });
      const body = await res.text();

      expect(body).not.toContain('TOP-SECRET');
      if (res.status === 200) expect(body).toBe(indexHtml);
    }
  });

  it.each([
    'x/../../secret.txt',
    '../secret.txt',
    '..%2fsecret.txt',
    'a/%2e%2e/%2e%2e/secret.txt',
    '%zz',
    'a\\b',
  ])('resolveInside() refuses %j, which could leave the folder or is not valid', (path) => {
    expect(resolveInside(dist, path)).toBeUndefined();
  });

  it('resolveInside() keeps ordinary paths inside the folder', () => {
    expect(resolveInside(dist, '/assets/index-AbC123.js')).toBe(join(dist, 'assets', 'index-AbC123.js'));
    expect(resolveInside(dist, '/a/./b%20c.js')).toBe(join(dist, 'a', 'b c.js'));
  });

  it.each([
    ['gzip, deflate, br', 'br'],
    ['br;q=1.0, gzip;q=0.8', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    ['', undefined],
    ['gzip;q=0, br;q=0', undefined],
  ])('pickEncoding(%j) is %s', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });

  it('compresses with brotli or gzip as the client accepts, and the bytes decode to the file', async () => {
    const br = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip, br' });
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(Number(br.headers.get('content-length'))).toBe(brBytes.length);
    expect(brBytes.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(brBytes).toString()).toBe(script);

    const gz = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);

    const plain = await get('/assets/index-AbC123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('answers 304 when the browser already has the file (If-None-Match)', async () => {
    const first = await get('/');
    const etag = first.headers.get('etag') ?? '';

    const again = await get('/', { 'if-none-match': etag });

    expect(etag).toMatch(/^W\/"/);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await app.request('/assets/index-AbC123.js', { method: 'HEAD' });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  it('serves a rebuilt file without a restart (the cache follows the mtime)', async () => {
    await get('/favicon.svg');
    writeFileSync(join(dist, 'favicon.svg'), '<svg id="new"/>');
    utimesSync(join(dist, 'favicon.svg'), new Date(), new Date(Date.now() + 5000));

    expect(await (await get('/favicon.svg')).text()).toBe('<svg id="new"/>');
  });

  it('answers 503 with the fix when the dashboard is not built', async () => {
    const empty = new Hono();
    empty.get('*', dashboard({ dir: join(root, 'nothing-here') }));

    const res = await empty.request('/', { headers: { accept: 'text/html' } });

    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('dashboard mounted in the API', () => {
  let kit: ApiKit;
  beforeAll(async () => {
    kit = await apiKit();
  });
  afterAll(() => kit.close());

  it('keeps API errors as JSON, also for a browser asking for HTML', async () => {
    const unknown = await kit.api.request('/api/v1/nothing', {
      headers: { authorization: `Bearer ${testToken}`, accept: 'text/html' },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'BERTH_ROUTE_NOT_FOUND' } });

    const anonymous = await kit.api.request('/api/v1/apps', { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'BERTH_UNAUTHORIZED' } });
  });

  it('answers the dashboard paths without a token', async () => {
    const res = await kit.api.request('/apps/shop', { headers: { accept: 'text/html' } });

    // In a source checkout the unit tests run without dist/web: the daemon says how to build it.
    expect([200, 503]).toContain(res.status);
    expect(res.headers.get('content-security-policy')).toBe(
      dashboardSecurityHeaders['content-security-policy'],
    );
  });
});
