/** Result of a bounded loopback load: every response body seen, non-2xx count and connection errors. */
export interface LoadResult {
  requests: number;
  non2xx: number;
  errors: number;
  bodies: Map<string, number>;
  firstError: string | undefined;
}

/**
 * Sends requests to a loopback URL from `workers` sequential loops until `stop()` is called, pausing
 * `pauseMs` between requests (bounded rate: at most workers x 1000/pauseMs per second).
 */
export function startLoad(
  url: string,
  options: { workers?: number; pauseMs?: number } = {},
): { stop: () => Promise<LoadResult> } {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url))
    throw new Error(`load tests target loopback only, not ${url}`);
  const result: LoadResult = { requests: 0, non2xx: 0, errors: 0, bodies: new Map(), firstError: undefined };
  let running = true;
  const worker = async (): Promise<void> => {
    while (running) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        const body = (await res.text()).trim();
        result.requests++;
        if (res.status < 200 || res.status > 299) {
          result.non2xx++;
          result.firstError ??= `HTTP ${res.status}: ${body}`;
        }
        result.bodies.set(body, (result.bodies.get(body) ?? 0) + 1);
      } catch (error) {
        result.requests++;
        result.errors++;
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        result.firstError ??= `${String(error)}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
      }
      await new Promise((r) => setTimeout(r, options.pauseMs ?? 20));
    }
  };
  const workers = Array.from({ length: options.workers ?? 4 }, worker);
  return {
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return result;
    },
  };
}
