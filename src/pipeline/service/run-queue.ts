/**
 * Which queued runs may start: at most `maxConcurrent` at once, one per app, oldest first (pure).
 * A newer queued run of an app supersedes older queued ones (see `supersededBy`).
 */
export function runsToStart(
  queued: readonly { id: number; app: string }[],
  running: readonly { app: string }[],
  maxConcurrent: number,
): number[] {
  const busy = new Set(running.map((r) => r.app));
  const start: number[] = [];
  for (const run of [...queued].sort((a, b) => a.id - b.id)) {
    if (running.length + start.length >= maxConcurrent) break;
    if (busy.has(run.app)) continue;
    busy.add(run.app);
    start.push(run.id);
  }
  return start;
}

/** Queued runs of the same app that a new run replaces (issue 6: "a newer push supersedes a queued older one"). */
export function supersededBy(
  queued: readonly { id: number; app: string; event: string }[],
  incoming: { app: string; event: string },
): number[] {
  // Manual and cron runs are explicit requests; only pushes and tags replace each other.
  if (incoming.event !== 'push' && incoming.event !== 'tag') return [];
  return queued
    .filter((r) => r.app === incoming.app && (r.event === 'push' || r.event === 'tag'))
    .map((r) => r.id);
}
