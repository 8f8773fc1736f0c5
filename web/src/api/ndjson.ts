import { ApiError } from './api-error';
import { request, type RequestOptions } from './client';
import { NdjsonLines } from './ndjson-lines';

/** Reads an NDJSON response body to its end, handing each value to `onValue` as it arrives. */
export async function readNdjson(response: Response, onValue: (value: unknown) => void): Promise<void> {
  const lines = new NdjsonLines();
  const decoder = new TextDecoder();
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    for (const value of lines.push(decoder.decode(chunk.value, { stream: true }))) onValue(value);
  }
  for (const value of lines.end()) onValue(value);
}

/**
 * GETs an endpoint that answers NDJSON (e.g. `/apps/{app}/logs?follow=1`) and hands each value to
 * `onValue` until the stream ends or `options.signal` aborts.
 */
export async function getNdjson(
  path: string,
  onValue: (value: unknown) => void,
  options: RequestOptions = {},
): Promise<void> {
  const response = await request('GET', path, undefined, {
    ...options,
    headers: { accept: 'application/x-ndjson', ...options.headers },
  });
  await readNdjson(response, onValue);
}

interface StreamedError {
  error: { code?: string; message?: string; hint?: string; details?: unknown };
}

function isStreamedError(value: unknown): value is StreamedError {
  return typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'object';
}

/**
 * Sends a release-producing call (deploy, scale) asking for progress: the daemon answers
 * `{"progress": "..."}` lines while it pulls, builds and checks, then the result line, or an
 * `{"error": ...}` line, which is thrown as ApiError (its `status` is the stream's, 200; `code` says what failed).
 *
 * @example
 * const { release } = await postWithProgress<{ release: ReleaseSummary }>(
 *   `/apps/${app}/scale`, { replicas: { web: 3 } }, (line) => setLines((l) => [...l, line]),
 * );
 */
export async function postWithProgress<T>(
  path: string,
  body: unknown,
  onProgress: (line: string) => void,
  options: RequestOptions = {},
): Promise<T> {
  const response = await request('POST', path, body, {
    ...options,
    headers: { accept: 'application/x-ndjson', ...options.headers },
  });
  let result: unknown;
  await readNdjson(response, (value) => {
    if (
      typeof value === 'object' &&
      value !== null &&
      'progress' in value &&
      typeof value.progress === 'string'
    ) {
      onProgress(value.progress);
    } else if (isStreamedError(value)) {
      const { code = 'BERTH_INTERNAL', message = 'the operation failed', hint, details } = value.error;
      throw new ApiError(response.status, code, message, {
        ...(hint === undefined ? {} : { hint }),
        ...(details === undefined ? {} : { details }),
      });
    } else {
      result = value;
    }
  });
  if (result === undefined) {
    throw new ApiError(response.status, 'BERTH_INTERNAL', 'the stream ended without a result', {
      hint: 'Check the daemon log; the operation may still have been recorded (reload the page).',
    });
  }
  return result as T;
}
