import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, useAsync } from '../../api';
import { ErrorBanner, Spinner } from '../../components';
import { Link, navigate, setQuery, useQuery } from '../../router';
import { can, useSession } from '../../session';
import { loadAppRuns } from './load-runs';
import { RunsTable } from './runs-table';
import { useNow } from './use-now';

/** "Start a run" for deployers: a ref (default: the source's branch), then the new run's page. */
function StartRun({ app, branch }: { app: string; branch: string }): JSX.Element {
  const { user } = useSession();
  const [ref, setRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const allowed = can(user, 'deployer', app);
  const start = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const run = await api.post<{ number: number }>(
        `/apps/${encodeURIComponent(app)}/pipelines/runs`,
        ref.trim() ? { ref: ref.trim() } : {},
      );
      navigate(`/apps/${encodeURIComponent(app)}/pipelines/${run.number}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="start-run" onSubmit={(e) => void start(e)} aria-label="Start a run">
      <label class="inline-field">
        <span>Ref</span>
        <input
          value={ref}
          onInput={(e) => setRef(e.currentTarget.value)}
          placeholder={branch}
          disabled={!allowed}
          aria-describedby="start-run-help"
        />
      </label>
      <button type="submit" class="button button-primary" disabled={!allowed || busy}>
        {busy ? 'Starting…' : 'Start run'}
      </button>
      <p class="help" id="start-run-help">
        {allowed
          ? `A branch or tag; empty builds the head of ${branch}.`
          : `Starting runs needs the deployer role for ${app}; ${user.name} is a ${user.role}.`}
      </p>
      {error !== undefined ? <ErrorBanner error={error} /> : null}
    </form>
  );
}

/** `/apps/:app/pipelines`: the app's runs, newest first, 20 a page (page in the URL), refreshed every 5 s. */
export function AppRunsView({ app }: { app: string }): JSX.Element {
  const query = useQuery();
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const { data, error, reload } = useAsync((signal) => loadAppRuns(app, page, signal), `${app}:${page}`, {
    refreshMs: 5000,
  });
  const now = useNow(true, 5000);
  const header = (
    <header class="page-header">
      <h1 id="page-title">Pipelines of {app}</h1>
      <div class="page-actions">
        <Link href={`/apps/${encodeURIComponent(app)}`}>App</Link>
        <Link href="/pipelines">All pipelines</Link>
      </div>
    </header>
  );
  if (!data) {
    return (
      <section class="page pipelines-page" aria-labelledby="page-title">
        {header}
        {error ? <ErrorBanner error={error} onRetry={reload} /> : <Spinner label="Loading runs…" />}
      </section>
    );
  }
  return (
    <section class="page pipelines-page" aria-labelledby="page-title" data-testid="app-pipelines">
      {header}
      {error ? (
        <ErrorBanner title="Showing the last answer; refreshing failed" error={error} onRetry={reload} />
      ) : null}
      {data.source ? (
        <section class="card" aria-labelledby="source-title">
          <h2 id="source-title">Repository</h2>
          <p class="mono clip-long">
            {data.source.repoUrl} <span class="muted">({data.source.branch})</span>
          </p>
          <StartRun app={app} branch={data.source.branch} />
        </section>
      ) : (
        <p class="banner banner-warn" role="status">
          {app} is not connected to a repository. Connect it with{' '}
          <code>berth pipeline setup {app} --repo URL</code>.
        </p>
      )}
      <section class="card" aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        <RunsTable
          runs={data.runs}
          showApp={false}
          nowMs={now}
          empty="No runs yet: push to the repository or start one."
          paging={{
            page: data.page,
            pageCount: data.pageCount,
            onPage: (n) => setQuery({ page: n === 1 ? null : n }, { push: true }),
          }}
        />
      </section>
    </section>
  );
}
