import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, posix, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Content types of what `vite build` writes (and a few a page might add to `web/public`). */
const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt']);

/** Compressing tiny files costs more than it saves (headers alone are a few hundred bytes). */
const minCompressBytes = 256;

/** One file of the dashboard, held in memory with its compressed forms (made once, on first use). */
export interface StaticFile {
  contentType: string;
  body: Buffer;
  /** Weak ETag: the same for every encoding of the content. */
  etag: string;
  compressible: boolean;
  br?: Buffer;
  gzip?: Buffer;
}

/**
 * Resolves a URL path to a path inside `root`, or undefined when it could leave `root` (`..`,
 * encoded or not, backslashes, NUL) or is not valid percent-encoding.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  if (decoded.split('/').some((segment) => segment === '..')) return undefined;
  const relative = posix.normalize(decoded).replace(/^\/+/, '');
  const full = resolve(root, relative);
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : undefined;
}

async function compressedForms(body: Buffer): Promise<{ br?: Buffer; gzip?: Buffer }> {
  const [br, gz] = await Promise.all([
    brotliAsync(body, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: 9 }),
  ]);
  return {
    ...(br.length < body.length ? { br } : {}),
    ...(gz.length < body.length ? { gzip: gz } : {}),
  };
}

/**
 * The built dashboard (`dist/web`) read from disk on first request and kept in memory with its gzip
 * and brotli forms. An entry is read again when the file's mtime changes, so `npm run build` while the
 * daemon runs takes effect without a restart.
 */
export class DashboardFiles {
  readonly root: string;
  readonly #cache = new Map<string, { mtimeMs: number; file: Promise<StaticFile> }>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file at a URL path, or undefined when there is none (or the path is refused). */
  async get(urlPath: string): Promise<StaticFile | undefined> {
    const full = resolveInside(this.root, urlPath);
    if (full === undefined) return undefined;
    const info = await stat(full).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const cached = this.#cache.get(full);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached.file;
    const file = this.#load(full);
    this.#cache.set(full, { mtimeMs: info.mtimeMs, file });
    // A failed read is not cached: the next request tries again.
    file.catch(() => this.#cache.delete(full));
    return file;
  }

  async #load(full: string): Promise<StaticFile> {
    const body = await readFile(full);
    const extension = extname(full).toLowerCase();
    const canCompress = compressible.has(extension) && body.length >= minCompressBytes;
    return {
      contentType: contentTypes[extension] ?? 'application/octet-stream',
      body,
      etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      compressible: compressible.has(extension),
      ...(canCompress ? await compressedForms(body) : {}),
    };
  }
}
