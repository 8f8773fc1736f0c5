import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useApi, type AppEvent, type AppStatus } from '../../api';
import { ErrorBanner, Spinner, StatusBadge } from '../../components';
import { Link, type PageProps } from '../../router';
import { can, useSession } from '../../session';
import { appHealth } from '../overview/health';
import './app.css';
import { EventsFeed } from './events-feed';
import { releaseState, type Release } from './release-view';
import { ReleasesPanel } from './releases-panel';
import {
  currentUsage,
  formatBytes,
  formatCpu,
  trendsByReplica,
  trendWindow,
  type MetricsAnswer,
} from './replica-metrics';
import { RolloutBanner } from './rollout-banner';
import { ServicesPanel } from './services-panel';
import { useLiveEvents } from './use-live-events';

/**
 * Status is reconciled on every GET, so it is asked for every 5 s, and sooner when an event says
 * something changed (a replica started, a release became ready).
 */
const statusRefreshMs = 5000;
const releasesRefreshMs = 15_000;
/** Events that change what the status or the releases show. */
const changes = /^(release|replica|rollout|probe|app|schedule)\./;

function Stat({ label, children }: { label: string; children: JSX.Element | string | number }): JSX.Element {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * One app: health and current release, services and replicas (state, health, restarts, uptime,
 * CPU/memory sparklines) with scale, releases with rollback, and live events; links to its logs,
 * metrics, pipelines and security reports.
 */
export function AppPage({ params }: PageProps): JSX.Element {
  const app = params.app ?? '';
  const base = `/apps/${encodeURIComponent(app)}`;
  const { user } = useSession();
  const mayChange = can(user, 'deployer', app);
  const status = useApi<AppStatus>(base, { refreshMs: statusRefreshMs });
  const releases = useApi<{ releases: Release[] }>(`${base}/releases`, { refreshMs: releasesRefreshMs });
  const metrics = useApi<MetricsAnswer>(`${base}/metrics`, {
    query: { since: trendWindow.since, by: 'replica' },
    refreshMs: trendWindow.refreshMs,
  });

  const reloadStatus = status.reload;
  const reloadReleases = releases.reload;
  const reloadAll = useCallback(() => {
    reloadStatus();
    reloadReleases();
  }, [reloadStatus, reloadReleases]);
  // Many events arrive together (a deploy creates several): reload once, 300 ms after the first.
  const pendingReload = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pendingReload.current), []);
  const onEvent = useCallback(
    (event: AppEvent) => {
      if (!changes.test(event.kind) || pendingReload.current !== undefined) return;
      pendingReload.current = setTimeout(() => {
        pendingReload.current = undefined;
        reloadAll();
      }, 300);
    },
    [reloadAll],
  );
  const feed = useLiveEvents(app, onEvent);

  // Uptimes tick with the status refresh; a clock of their own would re-render every table each second.
  const [now, setNow] = useState(Date.now());
  useEffect(() => setNow(Date.now()), [status.data]);

  const current = status.data?.release ?? null;
  const currentRelease = releases.data?.releases.find((r) => r.number === current);
  const health = status.data ? appHealth(status.data) : undefined;
  const services = status.data?.services ?? [];
  const ready = services.reduce((n, s) => n + s.ready + s.completed, 0);
  const desired = services.reduce((n, s) => n + s.desired, 0);
  const restarts = services.reduce((n, s) => n + s.replicas.reduce((m, r) => m + r.restarts, 0), 0);
  const q = encodeURIComponent(app);
  const trends = trendsByReplica(metrics.data);
  const usage = currentUsage(
    services.flatMap((s) => s.replicas.map((r) => r.name)),
    trends,
  );

  return (
    <section class="page app-page" aria-labelledby="page-title" data-testid="app-page">
      <header class="page-header">
        <div class="app-title">
          <h1 id="page-title">{app}</h1>
          {health ? <StatusBadge status={health} /> : null}
        </div>
        <div class="page-actions">
          {mayChange ? (
            <Link href={`/deploy?app=${q}`} class="button button-primary">
              Deploy new version
            </Link>
          ) : null}
          <button type="button" class="button button-small" onClick={reloadAll} disabled={status.loading}>
            Refresh
          </button>
        </div>
      </header>
      <nav class="app-links" aria-label={`More about ${app}`}>
        <Link href={`/logs?app=${q}`}>Logs</Link>
        <Link href={`/metrics?app=${q}`}>Metrics</Link>
        <Link href={`${base}/pipelines`}>Pipelines</Link>
        <Link href={`/security?app=${q}`}>Security</Link>
      </nav>
      {!mayChange ? (
        <p class="role-note" role="note">
          You are signed in as <strong>{user.name}</strong> ({user.role}
          {user.apps && !user.apps.includes(app) ? ', not for this app' : ''}): deploying, scaling and rolling
          back need the deployer role for {app}.
        </p>
      ) : null}
      {status.error ? (
        <ErrorBanner
          title={status.data ? 'Showing the last status; refreshing failed' : `Could not load ${app}`}
          error={status.error}
          onRetry={reloadStatus}
        />
      ) : null}
      {status.data ? (
        <>
          <dl class="stats">
            <Stat label="Release">
              {current === null ? (
                'down'
              ) : (
                <span class="current-release" data-testid="current-release">
                  #{current}{' '}
                  {currentRelease ? (
                    <StatusBadge
                      status={releaseState(currentRelease).status}
                      tone={releaseState(currentRelease).tone}
                    />
                  ) : null}
                </span>
              )}
            </Stat>
            <Stat label="Ready">
              <span data-testid="ready-count">{`${ready}/${desired}`}</span>
            </Stat>
            <Stat label="Restarts">{restarts}</Stat>
            <Stat label="CPU · memory now">
              {usage ? (
                <span class="usage">
                  {formatCpu(usage.cpuCores)} · {formatBytes(usage.memoryBytes)}
                </span>
              ) : (
                <span class="muted">–</span>
              )}
            </Stat>
          </dl>
          {currentRelease?.status === 'paused' ? (
            <RolloutBanner app={app} release={currentRelease} mayChange={mayChange} onChanged={reloadAll} />
          ) : null}
          {status.data.failures.length > 0 ? (
            <div class="banner banner-bad" role="alert">
              <div>
                <strong class="banner-title">Failing replicas</strong>
                <ul class="failures">
                  {status.data.failures.map((f) => (
                    <li key={`${f.service}.${f.replica}`}>
                      {f.service}.{f.replica}: {f.reason}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ) : null}
          <section aria-labelledby="services-title" class="services-section">
            <h2 id="services-title">Services</h2>
            <ServicesPanel
              app={app}
              services={services}
              trends={trends}
              now={now}
              mayScale={mayChange && current !== null}
              onChanged={reloadAll}
            />
          </section>
        </>
      ) : status.error ? null : (
        <Spinner label={`Loading ${app}…`} />
      )}
      <div class="grid-2 app-grid">
        <ReleasesPanel
          app={app}
          releases={releases.data?.releases}
          error={releases.error}
          current={current}
          mayChange={mayChange}
          onChanged={reloadAll}
        />
        <EventsFeed feed={feed} />
      </div>
    </section>
  );
}
