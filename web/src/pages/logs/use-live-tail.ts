import { useEffect, useRef, useState } from 'preact/hooks';
import { subscribe, type ApiError, type LiveState } from '../../api';
import type { LogLine, TailEntry } from './types';
import { toLogLine } from './use-log-query';

/** Lines kept while tailing; older ones drop off the top so a chatty app cannot fill the tab's memory. */
export const tailCap = 10_000;
/** New lines are added to the list at most this often: one render per batch, not per line. */
const flushMs = 100;

/** The lines kept after appending `added`: the newest `cap`. */
export function capLines<T>(lines: readonly T[], added: readonly T[], cap = tailCap): T[] {
  const all = lines.concat(added);
  return all.length > cap ? all.slice(all.length - cap) : all;
}

/**
 * Follows `GET /logs/tail` for a log query while `query` is set: lines in arrival order (newest last),
 * at most `tailCap`, and the connection state. `subscribe` reconnects with backoff after a daemon restart.
 */
export function useLiveTail(query: string | undefined): {
  lines: LogLine[];
  state: LiveState;
  error: ApiError | undefined;
  received: number;
} {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [state, setState] = useState<LiveState>('closed');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [received, setReceived] = useState(0);
  const pending = useRef<LogLine[]>([]);

  useEffect(() => {
    if (query === undefined) return;
    setLines([]);
    setReceived(0);
    setError(undefined);
    pending.current = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      timer = undefined;
      const batch = pending.current;
      pending.current = [];
      setLines((current) => capLines(current, batch));
      setReceived((n) => n + batch.length);
    };
    const stop = subscribe(
      '/logs/tail',
      (event) => {
        pending.current.push(toLogLine(JSON.parse(event.data) as TailEntry));
        timer ??= setTimeout(flush, flushMs);
      },
      (next, failure) => {
        setState(next);
        if (next === 'live') setError(undefined);
        else if (failure) setError(failure);
      },
      { events: ['entry'], query: { query } },
    );
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [query]);

  return { lines, state, error, received };
}
