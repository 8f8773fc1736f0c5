import { useEffect, useState } from 'preact/hooks';

/** The current time, ticking every `everyMs` while `active` (running durations); frozen otherwise. */
export function useNow(active: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer: ReturnType<typeof setInterval> = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}
