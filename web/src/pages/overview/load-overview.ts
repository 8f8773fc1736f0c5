import { api } from '../../api';
import type { AlertRule, AppEvent, AppStatus, PipelineRun, ReleaseSummary } from '../../api/types';
import { activeAlerts, anomalies, recentReleases, recentRuns, type AlertRow } from './health';

export interface OverviewData {
  apps: AppStatus[];
  alerts: AlertRow[];
  anomalies: AppEvent[];
  releases: ReleaseSummary[];
  runs: PipelineRun[];
  /** Per-app calls that failed; the rest of the overview is still shown. */
  problems: { app: string; what: string; error: unknown }[];
  loadedAt: number;
}

const dayMs = 86_400_000;
const recentLimit = 50;

/**
 * Everything the overview shows, from the public API only: `GET /apps`, then per app its alerts,
 * recent events (for anomalies), releases and pipeline runs, in parallel.
 */
export async function loadOverview(signal: AbortSignal): Promise<OverviewData> {
  const { apps } = await api.get<{ apps: AppStatus[] }>('/apps', { signal });
  const problems: OverviewData['problems'] = [];
  const attempt = async <T>(app: string, what: string, call: Promise<T>, fallback: T): Promise<T> => {
    try {
      return await call;
    } catch (error) {
      if (signal.aborted) throw error;
      problems.push({ app, what, error });
      return fallback;
    }
  };
  const perApp = await Promise.all(
    apps.map(async ({ app }) => {
      const path = `/apps/${encodeURIComponent(app)}`;
      const [alerts, events, releases, runs] = await Promise.all([
        attempt(app, 'alerts', api.get<{ alerts: AlertRule[] }>(`${path}/alerts`, { signal }), {
          alerts: [],
        }),
        attempt(
          app,
          'events',
          api.get<{ events: AppEvent[] }>(`${path}/events`, { signal, query: { limit: 200 } }),
          {
            events: [],
          },
        ),
        attempt(app, 'releases', api.get<{ releases: ReleaseSummary[] }>(`${path}/releases`, { signal }), {
          releases: [],
        }),
        attempt(
          app,
          'pipeline runs',
          api.get<{ runs: PipelineRun[] }>(`${path}/pipelines/runs`, { signal, query: { limit: 10 } }),
          {
            runs: [],
          },
        ),
      ]);
      return {
        app,
        alerts: alerts.alerts,
        events: events.events,
        releases: releases.releases,
        runs: runs.runs,
      };
    }),
  );
  const now = Date.now();
  return {
    apps: [...apps].sort((a, b) => a.app.localeCompare(b.app)),
    alerts: activeAlerts(perApp.map((p) => ({ app: p.app, rules: p.alerts }))),
    anomalies: anomalies(
      perApp.flatMap((p) => p.events),
      now - dayMs,
    ),
    releases: recentReleases(
      perApp.map((p) => p.releases),
      recentLimit,
    ),
    runs: recentRuns(
      perApp.map((p) => p.runs),
      recentLimit,
    ),
    problems,
    loadedAt: now,
  };
}
