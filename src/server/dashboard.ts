import { fileURLToPath } from 'node:url';
import type { MiddlewareHandler } from 'hono';
import { DashboardFiles, type StaticFile } from './dashboard-files.js';

/** Where `npm run build` puts the dashboard: dist/server/dashboard.js -> dist/web. */
export const defaultDashboardDir = fileURLToPath(new URL('../web/', import.meta.url));

/**
 * Sent with every dashboard response. The page runs only its own bundled scripts and talks only to
 * this origin; inline styles are allowed because components set widths and colours with `style`.
 */
export const dashboardSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Paths the dashboard never answers: the API, forge webhooks and the Loki push path keep their JSON 404. */
const notDashboard = /^\/(api|hooks|loki)(\/|$)/;

/** Vite writes content-hashed names under assets/, so those never change. */
const hashedAsset = /^\/assets\//;

/**
 * Picks the encoding to send from an Accept-Encoding header (RFC 9110 §12.5.3): brotli, then gzip,
 * else none; `q=0` refuses a coding and `*` stands for any not named.
 *
 * @example
 * pickEncoding('gzip, deflate, br') // 'br'
 */
export function pickEncoding(header: string | null | undefined): 'br' | 'gzip' | undefined {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) weights.set(name, q === undefined ? 1 : Number(q));
  }
  const accepts = (coding: string): boolean => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

function text(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: {
      ...dashboardSecurityHeaders,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
    },
  });
}

function fileResponse(request: Request, file: StaticFile, cacheControl: string): Response {
  const headers: Record<string, string> = {
    ...dashboardSecurityHeaders,
    'content-type': file.contentType,
    'cache-control': cacheControl,
    etag: file.etag,
  };
  if (file.compressible) headers.vary = 'Accept-Encoding';
  if (request.headers.get('if-none-match') === file.etag) {
    return new Response(null, { status: 304, headers });
  }
  const encoding = pickEncoding(request.headers.get('accept-encoding'));
  const encoded = encoding === undefined ? undefined : file[encoding];
  if (encoding !== undefined && encoded !== undefined) headers['content-encoding'] = encoding;
  const body = encoded ?? file.body;
  headers['content-length'] = String(body.length);
  return new Response(new Uint8Array(body), { status: 200, headers });
}

/**
 * Answers one GET/HEAD for the dashboard: the file when it exists, else `index.html` for a page
 * navigation (the SPA's router takes the path from there), else 404. 503 until the dashboard is built.
 */
export async function serveDashboard(files: DashboardFiles, request: Request): Promise<Response> {
  const index = await files.get('/index.html');
  if (!index) {
    return text(
      503,
      "Berth's dashboard is not built (dist/web/index.html is missing).\n" +
        'Run `npm run build` in the Berth checkout, then reload this page.\n',
    );
  }
  const path = new URL(request.url).pathname;
  const file = path === '/' ? index : await files.get(path);
  if (file) {
    const immutable = hashedAsset.test(path) && file !== index;
    return fileResponse(request, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  }
  if ((request.headers.get('accept') ?? '').includes('text/html')) {
    return fileResponse(request, index, 'no-cache');
  }
  return text(404, `no dashboard file at ${path}\n`);
}

/**
 * Serves the built dashboard for every GET and HEAD outside /api, /hooks and /loki. Its files hold
 * no data, so they need no token; everything the page shows comes from the authenticated API.
 *
 * @example
 * api.get('*', dashboard()); // register last, after every API route
 */
export function dashboard(options: { dir?: string } = {}): MiddlewareHandler {
  const files = new DashboardFiles(options.dir ?? defaultDashboardDir);
  return async (c, next) => {
    if (notDashboard.test(c.req.path)) {
      await next();
      return;
    }
    return serveDashboard(files, c.req.raw);
  };
}
