import type { JSX } from 'preact';
import { api, useApi, useAsync, type ReleaseSummary } from '../../api';
import { ErrorBanner, Spinner } from '../../components';
import { Link, setQuery, useQuery, type PageProps } from '../../router';
import { ReleaseGates } from './release-gates';
import { ReportView } from './report-view';
import { ScanForm } from './scan-form';
import { ScansTable } from './scans-table';
import type { ScanListItem } from './types';
import './security.css';

/** Image ids an app's releases use (`?app=` narrows the reports to them). */
function imagesOf(releases: readonly ReleaseSummary[]): Set<string> {
  return new Set(
    releases.flatMap((r) => Object.values(r.services).flatMap((s) => (s.imageId ? [s.imageId] : []))),
  );
}

/**
 * Security (issue 7): scan reports per image with severity counts, a scan form, one report's
 * filterable findings with SBOM downloads (`?image=`), and the scan policy that gated each release.
 * `?app=` narrows reports and releases to one app (the App page links here that way).
 */
export function SecurityPage(_props: PageProps): JSX.Element {
  const query = useQuery();
  const app = query.get('app') ?? undefined;
  const selected = query.get('image') ?? undefined;
  const scans = useAsync((signal) => api.get<{ scans: ScanListItem[] }>('/scans', { signal }), 'scans', {
    refreshMs: 30_000,
  });
  const releases = useApi<{ releases: ReleaseSummary[] }>(
    app ? `/apps/${encodeURIComponent(app)}/releases` : null,
  );
  const images = releases.data ? imagesOf(releases.data.releases) : undefined;
  const rows = scans.data?.scans.filter(
    (s) => app === undefined || images === undefined || images.has(s.imageId),
  );
  return (
    <section class="page security-page" aria-labelledby="page-title" data-testid="security">
      <header class="page-header">
        <h1 id="page-title">Security{app ? ` of ${app}` : ''}</h1>
        <div class="page-actions">
          {app ? <Link href="/security">All images</Link> : null}
          <button type="button" class="button button-small" onClick={scans.reload} disabled={scans.loading}>
            Refresh
          </button>
        </div>
      </header>
      <section class="card">
        <ScanForm
          onScanned={(report) => {
            scans.reload();
            setQuery({ image: report.imageId, sev: null, q: null, fix: null, vpage: null, opage: null });
          }}
        />
      </section>
      <section class="card" aria-labelledby="reports-title">
        <h2 id="reports-title">Scan reports</h2>
        {app ? (
          <p class="help">
            Images of {app}’s releases.{' '}
            {releases.error ? 'Its releases could not be read: showing every image.' : ''}
          </p>
        ) : null}
        {scans.error ? <ErrorBanner error={scans.error} onRetry={scans.reload} /> : null}
        {rows ? (
          <ScansTable scans={rows} selected={selected} />
        ) : scans.error ? null : (
          <Spinner label="Loading reports…" />
        )}
      </section>
      {selected ? <ReportView key={selected} imageId={selected} /> : null}
      <ReleaseGates app={app} />
    </section>
  );
}
