import { BerthError } from '../../errors/index.js';

export interface SendOptions {
  /** Extra request headers (authorisation, `X-Scope-OrgID`); Content-Type defaults to JSON. */
  headers?: Record<string, string>;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** Delay before the first retry; it doubles each retry, with jitter, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
}

export interface SendResult {
  status: number;
  attempts: number;
}

/**
 * POSTs a body, retrying network errors, timeouts, 429 and 5xx with exponential backoff (a
 * `Retry-After` in seconds is honoured up to `maxDelayMs`); other statuses fail at once, since sending
 * the same body again cannot help.
 *
 * @throws BerthError `BERTH_CONFIG` naming the URL when the receiver refuses the body or stays
 *   unreachable after `maxAttempts`; the abort reason when `signal` aborts.
 * @example
 * await sendWithRetry('http://loki:3100/loki/api/v1/push', JSON.stringify(buildLokiPushPayload(batch)));
 */
export async function sendWithRetry(
  url: string,
  body: string | Uint8Array,
  options: SendOptions = {},
): Promise<SendResult> {
  const maxAttempts = options.maxAttempts ?? 5;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers = { 'content-type': 'application/json', ...options.headers };
  let lastProblem = '';
  let lastCause: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    let retryAfter: string | null = null;
    try {
      const response = await fetch(url, { method: 'POST', headers, body, signal });
      const text = await response.text().catch(() => '');
      if (response.ok) return { status: response.status, attempts: attempt };
      lastProblem = `HTTP ${response.status}${text.trim() === '' ? '' : ` ${text.trim().slice(0, 300)}`}`;
      lastCause = undefined;
      if (!isRetryable(response.status)) {
        throw new BerthError('BERTH_CONFIG', `the log receiver at ${url} refused the batch: ${lastProblem}`, {
          hint: 'Check the exporter URL and credentials; the batch was dropped.',
          details: { status: response.status },
        });
      }
      retryAfter = response.headers.get('retry-after');
    } catch (error) {
      if (error instanceof BerthError) throw error;
      options.signal?.throwIfAborted();
      lastProblem = timeout.aborted ? `no answer within ${timeoutMs} ms` : (error as Error).message;
      lastCause = error;
    }
    if (attempt < maxAttempts) await sleep(retryDelayMs(attempt, retryAfter, options), options.signal);
  }
  throw new BerthError(
    'BERTH_CONFIG',
    `the log receiver at ${url} failed ${maxAttempts} times: ${lastProblem}`,
    {
      hint: 'Check that the receiver is up and reachable from the Berth host; the batch was dropped.',
      ...(lastCause === undefined ? {} : { cause: lastCause }),
    },
  );
}

/** 429 Too Many Requests and 5xx are worth another try (RFC 9110 section 15.6; RFC 6585 section 4). */
function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * The wait before retry `attempt` (1 = the first retry): `baseDelayMs · 2^(attempt-1)` with full
 * jitter over its upper half, or `Retry-After` (delay-seconds form, RFC 9110 section 10.2.3), both
 * capped at `maxDelayMs`.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | null,
  options: Pick<SendOptions, 'baseDelayMs' | 'maxDelayMs'> = {},
  random: () => number = Math.random,
): number {
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) {
    return Math.min(Number(retryAfter.trim()) * 1000, maxDelayMs);
  }
  const exponential = Math.min((options.baseDelayMs ?? 500) * 2 ** (attempt - 1), maxDelayMs);
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
