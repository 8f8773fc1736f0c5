import type { JSX } from 'preact';
import { useAsync } from '../../api';
import { DataTable, ErrorBanner, Spinner, TimeAgo } from '../../components';
import { Link, setQuery, useQuery } from '../../router';
import { loadAllRuns, runsPerApp } from './load-runs';
import { RunsTable } from './runs-table';
import { useNow } from './use-now';

const statuses = ['queued', 'running', 'waiting', 'success', 'failure', 'cancelled', 'superseded', 'error'];

/** `/pipelines`: the newest runs of every app the user may see, filterable by status, and the repositories. */
export function AllRunsView(): JSX.Element {
  const { data, error, loading, reload } = useAsync(loadAllRuns, 'all-runs', { refreshMs: 10_000 });
  const query = useQuery();
  const status = query.get('status') ?? '';
  const now = useNow(true, 5000);
  const header = (
    <header class="page-header">
      <h1 id="page-title">Pipelines</h1>
      <div class="page-actions">
        <button type="button" class="button button-small" onClick={reload} disabled={loading}>
          Refresh
        </button>
      </div>
    </header>
  );
  if (!data) {
    return (
      <section class="page pipelines-page" aria-labelledby="page-title">
        {header}
        {error ? <ErrorBanner error={error} onRetry={reload} /> : <Spinner label="Loading pipeline runs…" />}
      </section>
    );
  }
  const runs = status ? data.runs.filter((r) => r.status === status) : data.runs;
  return (
    <section class="page pipelines-page" aria-labelledby="page-title" data-testid="pipelines">
      {header}
      {error ? (
        <ErrorBanner title="Showing the last answer; refreshing failed" error={error} onRetry={reload} />
      ) : null}
      {data.problems.map((p) => (
        <ErrorBanner key={p.app} title={`Runs of ${p.app} could not be read`} error={p.error} />
      ))}
      <section class="card" aria-labelledby="runs-title">
        <div class="card-head">
          <h2 id="runs-title">Runs</h2>
          <label class="inline-field">
            <span>Status</span>
            <select value={status} onChange={(e) => setQuery({ status: e.currentTarget.value, page: null })}>
              <option value="">any</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        </div>
        <RunsTable
          runs={runs}
          showApp
          nowMs={now}
          paging={{ pageParam: 'page' }}
          empty={
            status ? (
              `No ${status} runs among the newest ${runsPerApp} of each app.`
            ) : (
              <>
                No pipeline runs yet. Connect a repository with{' '}
                <code>berth pipeline setup APP --repo URL</code>, then push or start a run.
              </>
            )
          }
        />
        <p class="help">The newest {runsPerApp} runs of each app; an app’s own page lists all of them.</p>
      </section>
      <section class="card" aria-labelledby="sources-title">
        <h2 id="sources-title">Repositories</h2>
        <DataTable
          caption="Connected repositories"
          rows={data.sources}
          rowKey={(s) => s.app}
          pageParam="repos"
          empty="No app is connected to a repository."
          columns={[
            {
              key: 'app',
              header: 'App',
              render: (s) => <Link href={`/apps/${encodeURIComponent(s.app)}/pipelines`}>{s.app}</Link>,
            },
            {
              key: 'repoUrl',
              header: 'Repository',
              mono: true,
              render: (s) => <span class="clip">{s.repoUrl}</span>,
            },
            { key: 'branch', header: 'Branch', mono: true },
            {
              key: 'forge',
              header: 'Webhook',
              hideOnNarrow: true,
              render: (s) => s.webhookPath ?? 'polling / manual',
            },
            {
              key: 'updatedAt',
              header: 'Updated',
              hideOnNarrow: true,
              render: (s) => <TimeAgo at={s.updatedAt} />,
            },
          ]}
        />
      </section>
    </section>
  );
}
