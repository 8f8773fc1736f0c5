import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatTimeAgo, toEpochMs } from '../format/time-ago';

const listeners = new Set<(now: number) => void>();
let ticker: ReturnType<typeof setInterval> | undefined;

/** One shared 15 s clock for every TimeAgo on the page. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    listeners.add(setNow);
    ticker ??= setInterval(() => {
      const t = Date.now();
      for (const listener of listeners) listener(t);
    }, 15_000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && ticker !== undefined) {
        clearInterval(ticker);
        ticker = undefined;
      }
    };
  }, []);
  return now;
}

/**
 * `3 min ago`, kept current, with the exact time in `datetime` and as a tooltip.
 *
 * @example
 * <TimeAgo at={release.createdAt} />
 */
export function TimeAgo({ at }: { at: number | string | Date }): JSX.Element {
  const now = useNow();
  const ms = toEpochMs(at);
  if (!Number.isFinite(ms)) return <span class="muted">–</span>;
  const date = new Date(ms);
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString()}>
      {formatTimeAgo(ms, now)}
    </time>
  );
}
