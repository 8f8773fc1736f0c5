import type {
  ActiveAlert,
  AlertRule,
  AppEvent,
  AppStatus,
  PipelineRun,
  ReleaseSummary,
  ServiceStatus,
} from '../../api/types';

/** An app's health in one word, as the overview shows it. */
export type AppHealth = 'ready' | 'progressing' | 'degraded' | 'failed' | 'rolled-back' | 'down';

/**
 * Sums up an app's status: `down` without a release; `failed` when its release failed; `progressing`
 * while a release is pending or replicas are still being replaced; `degraded` when an active release
 * has crash-looping replicas or fewer ready than desired; else `ready`.
 */
export function appHealth(status: AppStatus): AppHealth {
  if (status.release === null) return 'down';
  if (status.releaseStatus === 'failed') return 'failed';
  if (status.releaseStatus === 'rolled-back') return 'rolled-back';
  if (status.releaseStatus === 'pending') return 'progressing';
  if (status.failures.length > 0) return 'degraded';
  if (status.services.some((s) => serviceShort(s))) return 'degraded';
  return status.converged ? 'ready' : 'progressing';
}

/** Fewer replicas ready (or completed, for one-shot jobs) than desired. */
function serviceShort(service: ServiceStatus): boolean {
  return service.ready + service.completed < service.desired;
}

/** `3/3` for a service: ready (plus completed one-shot replicas) over desired. */
export function serviceCount(service: ServiceStatus): string {
  return `${service.ready + service.completed}/${service.desired}`;
}

/** ok when every desired replica is ready, bad when none is, warn in between. */
export function serviceTone(service: ServiceStatus): 'ok' | 'warn' | 'bad' {
  const up = service.ready + service.completed;
  if (up >= service.desired) return 'ok';
  return up === 0 ? 'bad' : 'warn';
}

/** One alert series that is firing or pending, with its app and rule. */
export interface AlertRow {
  app: string;
  rule: AlertRule;
  alert: ActiveAlert;
}

/** Every firing or pending alert series of these apps, firing first, then the longest active first. */
export function activeAlerts(perApp: readonly { app: string; rules: readonly AlertRule[] }[]): AlertRow[] {
  const rows = perApp.flatMap(({ app, rules }) =>
    rules.flatMap((rule) => rule.active.map((alert) => ({ app, rule, alert }))),
  );
  return rows.sort(
    (a, b) =>
      Number(b.alert.state === 'firing') - Number(a.alert.state === 'firing') ||
      a.alert.activeSinceMs - b.alert.activeSinceMs,
  );
}

/** Anomaly events (`anomaly.rate`, `anomaly.new-template`, …) since `sinceMs`, newest first. */
export function anomalies(events: readonly AppEvent[], sinceMs: number): AppEvent[] {
  return events.filter((e) => e.kind.startsWith('anomaly.') && e.at >= sinceMs).sort((a, b) => b.at - a.at);
}

/** Releases of several apps merged, newest first, at most `limit`. */
export function recentReleases(
  lists: readonly (readonly ReleaseSummary[])[],
  limit: number,
): ReleaseSummary[] {
  return lists
    .flat()
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .slice(0, limit);
}

/** Pipeline runs of several apps merged, newest first, at most `limit`. */
export function recentRuns(lists: readonly (readonly PipelineRun[])[], limit: number): PipelineRun[] {
  return lists
    .flat()
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit);
}
