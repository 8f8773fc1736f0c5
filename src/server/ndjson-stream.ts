import type { Context } from 'hono';
import { stream } from 'hono/streaming';

/**
 * Answers with newline-delimited JSON, one object per line, so clients see progress of long work.
 * `work` gets a `send` and an AbortSignal that fires when the client goes away.
 */
export function ndjson(
  c: Context,
  work: (send: (value: unknown) => Promise<void>, signal: AbortSignal) => Promise<void>,
): Response {
  c.header('content-type', 'application/x-ndjson; charset=utf-8');
  c.header('cache-control', 'no-store');
  return stream(c, async (s) => {
    const abort = new AbortController();
    s.onAbort(() => abort.abort());
    const send = async (value: unknown): Promise<void> => {
      if (!s.aborted) await s.write(`${JSON.stringify(value)}\n`);
    };
    await work(send, abort.signal);
  });
}

export const wantsStream = (c: Context): boolean =>
  (c.req.header('accept') ?? '').includes('application/x-ndjson');
