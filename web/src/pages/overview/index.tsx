import type { JSX } from 'preact';
import { useAsync } from '../../api';
import { ErrorBanner, Spinner, TimeAgo } from '../../components';
import { Link, type PageProps } from '../../router';
import { can, useSession } from '../../session';
import { AttentionTable, ReleasesTable, RunsTable } from './activity-tables';
import { AppsTable } from './apps-table';
import { appHealth } from './health';
import { loadOverview } from './load-overview';

/** How often the overview asks again (every app's status is reconciled per call, so not too often). */
const refreshMs = 10_000;

function Stat({ label, value, tone }: { label: string; value: string | number; tone?: string }): JSX.Element {
  return (
    <div class={`stat${tone ? ` stat-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/**
 * The overview: every app with its health (ready/desired per service), firing alerts and anomalies,
 * recent releases and pipeline runs, refreshed every 10 s.
 */
export function OverviewPage(_props: PageProps): JSX.Element {
  const { data, error, loading, reload } = useAsync(loadOverview, 'overview', { refreshMs });
  const { user } = useSession();

  const header = (
    <header class="page-header">
      <h1 id="page-title">Overview</h1>
      <div class="page-actions">
        {data ? (
          <span class="muted">
            Updated <TimeAgo at={data.loadedAt} />
          </span>
        ) : null}
        <button type="button" class="button button-small" onClick={reload} disabled={loading}>
          Refresh
        </button>
        {can(user, 'deployer') ? (
          <Link href="/deploy" class="button button-small button-primary">
            Deploy an app
          </Link>
        ) : null}
      </div>
    </header>
  );
  if (!data) {
    return (
      <section class="page" aria-labelledby="page-title">
        {header}
        {error ? <ErrorBanner error={error} onRetry={reload} /> : <Spinner label="Loading apps…" />}
      </section>
    );
  }
  const health = data.apps.map(appHealth);
  const ready = health.filter((h) => h === 'ready').length;
  const attention = health.filter((h) => h === 'degraded' || h === 'failed' || h === 'rolled-back').length;
  const firing = data.alerts.filter((a) => a.alert.state === 'firing').length;
  return (
    <section class="page overview" aria-labelledby="page-title" data-testid="overview">
      {header}
      {error ? (
        <ErrorBanner title="Showing the last answer; refreshing failed" error={error} onRetry={reload} />
      ) : null}
      {data.problems.length > 0 ? (
        <p class="banner banner-warn" role="status">
          Some data is missing:{' '}
          {data.problems
            .map(
              (p) => `${p.app} ${p.what} (${p.error instanceof Error ? p.error.message : String(p.error)})`,
            )
            .join('; ')}
        </p>
      ) : null}
      <dl class="stats">
        <Stat label="Apps" value={data.apps.length} />
        <Stat
          label="Ready"
          value={`${ready}/${data.apps.length}`}
          tone={ready === data.apps.length ? 'ok' : undefined}
        />
        <Stat label="Need attention" value={attention} tone={attention > 0 ? 'bad' : undefined} />
        <Stat label="Firing alerts" value={firing} tone={firing > 0 ? 'bad' : undefined} />
        <Stat
          label="Anomalies (24 h)"
          value={data.anomalies.length}
          tone={data.anomalies.length > 0 ? 'warn' : undefined}
        />
      </dl>
      <section class="card" aria-labelledby="apps-title">
        <h2 id="apps-title">Apps</h2>
        <AppsTable apps={data.apps} />
      </section>
      <div class="grid-2">
        <section class="card" aria-labelledby="attention-title">
          <h2 id="attention-title">Alerts and anomalies</h2>
          <AttentionTable alerts={data.alerts} anomalies={data.anomalies} />
        </section>
        <section class="card" aria-labelledby="releases-title">
          <h2 id="releases-title">Recent releases</h2>
          <ReleasesTable releases={data.releases} />
        </section>
      </div>
      <section class="card" aria-labelledby="runs-title">
        <h2 id="runs-title">Recent pipeline runs</h2>
        <RunsTable runs={data.runs} />
      </section>
    </section>
  );
}
