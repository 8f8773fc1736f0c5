import { open } from 'node:fs/promises';
import { BerthError } from '../../errors/index.js';
import type { FeedState } from './vuln-db.js';

/** Where osv.dev publishes one ZIP of every record per ecosystem (`<base>/<ecosystem>/all.zip`). */
export const defaultOsvMirror = 'https://osv-vulnerabilities.storage.googleapis.com';

/** The ecosystems Berth scans images and lockfiles for; each is one export of the mirror. */
export const defaultOsvEcosystems = [
  'Alpine',
  'Debian',
  'Ubuntu',
  'AlmaLinux',
  'Rocky Linux',
  'Red Hat',
  'Wolfi',
  'Chainguard',
  'npm',
  'PyPI',
  'Go',
  'Maven',
  'crates.io',
  'RubyGems',
  'NuGet',
  'Packagist',
] as const;

/**
 * The export URLs for `ecosystems` under `mirror` (a copy of the osv.dev bucket layout).
 *
 * @example
 * osvExportUrls(['PyPI', 'Rocky Linux']);
 * // ['https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip', '…/Rocky%20Linux/all.zip']
 */
export function osvExportUrls(
  ecosystems: readonly string[] = defaultOsvEcosystems,
  mirror: string = defaultOsvMirror,
): string[] {
  const base = mirror.replace(/\/+$/, '');
  return ecosystems.map((ecosystem) => `${base}/${encodeURIComponent(ecosystem)}/all.zip`);
}

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Validators of the last download: the server answers 304 when nothing changed. */
  previous?: FeedState;
  maxBytes: number;
  onBytes?: (bytes: number, totalBytes: number | undefined) => void;
}

export type DownloadResult =
  { notModified: true } | { notModified: false; bytes: number; etag?: string; lastModified?: string };

/**
 * Downloads `url` to `destination` with a conditional request, streaming to disk and stopping at
 * `maxBytes`. HTTP and network failures become `BERTH_CONFIG` errors naming the URL.
 */
export async function downloadFeed(
  url: string,
  destination: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const headers: Record<string, string> = {};
  if (options.previous?.etag !== undefined) headers['if-none-match'] = options.previous.etag;
  if (options.previous?.lastModified !== undefined)
    headers['if-modified-since'] = options.previous.lastModified;
  let response: Response;
  try {
    response = await fetch(url, {
      headers,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    options.signal?.throwIfAborted();
    throw downloadError(url, 'the server could not be reached', error);
  }
  if (response.status === 304) return { notModified: true };
  if (!response.ok || response.body === null) {
    throw downloadError(url, `the server answered HTTP ${response.status}`);
  }
  const lengthHeader = response.headers.get('content-length');
  const totalBytes = lengthHeader === null ? undefined : Number(lengthHeader);
  if (totalBytes !== undefined && totalBytes > options.maxBytes) {
    await response.body.cancel();
    throw downloadError(url, `it is ${totalBytes} bytes, over the ${options.maxBytes}-byte limit`);
  }
  const file = await open(destination, 'w');
  let bytes = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (bytes > options.maxBytes) throw downloadError(url, `it is over the ${options.maxBytes}-byte limit`);
      await file.write(chunk);
      options.onBytes?.(bytes, totalBytes);
    }
  } catch (error) {
    options.signal?.throwIfAborted();
    if (error instanceof BerthError) throw error;
    throw downloadError(url, 'the transfer broke off', error);
  } finally {
    await file.close();
  }
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  return {
    notModified: false,
    bytes,
    ...(etag === null ? {} : { etag }),
    ...(lastModified === null ? {} : { lastModified }),
  };
}

function downloadError(url: string, reason: string, cause?: unknown): BerthError {
  return new BerthError('BERTH_CONFIG', `cannot download OSV data from "${url}": ${reason}`, {
    hint: 'Check the mirror URL and the network, or scan with --offline using the data already imported.',
    ...(cause === undefined ? {} : { cause }),
  });
}
