import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, type QueryValue } from './client';

export interface AsyncState<T> {
  /** The last successful answer (kept while reloading, so views do not flicker). */
  data: T | undefined;
  /** The last failure (an ApiError for API calls), cleared by the next success. */
  error: unknown;
  /** True until the first answer or failure, and during a reload started by `reload()`. */
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` when the component mounts and whenever `key` changes (and every `refreshMs` if given),
 * aborting the previous call. `load` must use the signal it gets.
 *
 * @example
 * const runs = useAsync((signal) => loadRuns(app, signal), app, { refreshMs: 5000 });
 */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
  options: { refreshMs?: number } = {},
): AsyncState<T> {
  const [state, setState] = useState<Omit<AsyncState<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = (): void => {
      loadRef.current(abort.signal).then(
        (data) => {
          if (abort.signal.aborted) return;
          setState({ data, error: undefined, loading: false });
          if (options.refreshMs) timer = setTimeout(run, options.refreshMs);
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          setState((s) => ({ data: s.data, error, loading: false }));
          if (options.refreshMs) timer = setTimeout(run, options.refreshMs);
        },
      );
    };
    setState((s) => ({ ...s, loading: true }));
    run();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [key, generation, options.refreshMs]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

/**
 * GETs an API path (relative to /api/v1) with loading and error state; `null` skips the call.
 *
 * @example
 * const { data, error, loading } = useApi<{ apps: AppStatus[] }>('/apps', { refreshMs: 5000 });
 */
export function useApi<T>(
  path: string | null,
  options: { query?: Record<string, QueryValue>; refreshMs?: number } = {},
): AsyncState<T> {
  const key = path === null ? '' : `${path}?${JSON.stringify(options.query ?? {})}`;
  return useAsync<T>(
    (signal) =>
      path === null
        ? new Promise<T>(() => undefined)
        : api.get<T>(path, { signal, ...(options.query ? { query: options.query } : {}) }),
    key,
    options.refreshMs ? { refreshMs: options.refreshMs } : {},
  );
}
