import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `refresh` every `everyMs` while the tab is visible, and once at once when it becomes visible
 * again after a pause longer than that: a hidden tab costs the daemon nothing (charts need a fresh
 * query each time, unlike a live stream).
 *
 * @example
 * const metrics = useAsync(load, key);
 * useVisibleRefresh(metrics.reload, 10_000);
 */
export function useVisibleRefresh(refresh: () => void, everyMs: number): void {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  useEffect(() => {
    let last = Date.now();
    const tick = (): void => {
      last = Date.now();
      refreshRef.current();
    };
    const timer = setInterval(() => {
      if (!document.hidden) tick();
    }, everyMs);
    const onVisibility = (): void => {
      if (!document.hidden && Date.now() - last >= everyMs) tick();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [everyMs]);
}
