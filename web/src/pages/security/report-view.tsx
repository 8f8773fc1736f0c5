import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useApi } from '../../api';
import { ErrorBanner, Spinner, TimeAgo } from '../../components';
import { setQuery, useQuery } from '../../router';
import { downloadSbom, saveBlob } from './download';
import { FindingsTables } from './findings-tables';
import { severities, type ScanReport, type Severity } from './types';

/** Severity counts as buttons: choosing one filters the tables to it (again: all severities). */
function SeverityCounts({
  report,
  active,
}: {
  report: ScanReport;
  active: Severity | undefined;
}): JSX.Element {
  return (
    <ul class="severity-counts" aria-label="Findings per severity">
      {severities.map((s) => (
        <li key={s}>
          <button
            type="button"
            class={`severity-count sev-${s}`}
            aria-pressed={active === s}
            onClick={() => setQuery({ sev: active === s ? null : s, vpage: null, opage: null })}
          >
            <span class="severity-count-n">{report.summary[s]}</span>
            <span class="severity-count-label">{s}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Buttons to download the SBOM (CycloneDX, SPDX) and the report JSON, with the API's error if one fails. */
function Downloads({ report }: { report: ScanReport }): JSX.Element {
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const run = (what: string, action: () => Promise<void> | void): void => {
    setBusy(what);
    setError(undefined);
    Promise.resolve()
      .then(action)
      .catch((failure: unknown) => setError(failure))
      .finally(() => setBusy(undefined));
  };
  const base = report.reference.replace(/[^A-Za-z0-9._-]+/g, '_');
  return (
    <div class="downloads" role="group" aria-label="Downloads">
      <span class="muted">Download</span>
      <button
        type="button"
        class="button button-small"
        disabled={busy !== undefined}
        onClick={() => run('cdx', () => downloadSbom(report.imageId, 'cyclonedx'))}
      >
        SBOM (CycloneDX)
      </button>
      <button
        type="button"
        class="button button-small"
        disabled={busy !== undefined}
        onClick={() => run('spdx', () => downloadSbom(report.imageId, 'spdx'))}
      >
        SBOM (SPDX)
      </button>
      <button
        type="button"
        class="button button-small"
        onClick={() =>
          run('json', () =>
            saveBlob(
              new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }),
              `${base}.scan.json`,
            ),
          )
        }
      >
        Report (JSON)
      </button>
      {error !== undefined ? <ErrorBanner title="The download failed" error={error} /> : null}
    </div>
  );
}

/**
 * One stored report (`GET /scans/{imageId}`): what was scanned and against which vulnerability data,
 * counts per severity, downloads, warnings, and the filterable findings.
 */
export function ReportView({ imageId }: { imageId: string }): JSX.Element {
  const { data: report, error, reload } = useApi<ScanReport>(`/scans/${encodeURIComponent(imageId)}`);
  const query = useQuery();
  const sev = severities.find((s) => s === query.get('sev'));
  if (!report) {
    return (
      <section class="card" aria-label="Scan report">
        {error ? <ErrorBanner error={error} onRetry={reload} /> : <Spinner label="Loading the report…" />}
      </section>
    );
  }
  return (
    <section class="card report" aria-labelledby="report-title" data-testid="scan-report">
      <div class="report-head">
        <h2 id="report-title">
          Report of <span class="mono">{report.reference}</span>
        </h2>
        <button
          type="button"
          class="button button-small button-ghost"
          onClick={() => setQuery({ image: null, sev: null, q: null, fix: null })}
        >
          Close
        </button>
      </div>
      <dl class="report-facts">
        <div>
          <dt>Image id</dt>
          <dd class="mono" title={report.imageId}>
            {report.imageId.replace(/^sha256:/, '').slice(0, 12)}
          </dd>
        </div>
        <div>
          <dt>Scanned</dt>
          <dd>
            <TimeAgo at={report.scannedAt} />
          </dd>
        </div>
        <div>
          <dt>Matched</dt>
          <dd>
            <TimeAgo at={report.matchedAt} />
            {report.rematched ? ' (just now, the database changed)' : ''}
          </dd>
        </div>
        <div>
          <dt>Vulnerability data</dt>
          <dd>{report.dbVersion ? <TimeAgo at={report.dbVersion} /> : 'none'}</dd>
        </div>
        <div>
          <dt>Packages</dt>
          <dd>{report.packages}</dd>
        </div>
      </dl>
      {report.warnings.map((w) => (
        <p key={w} class="banner banner-warn" role="status">
          {w}
        </p>
      ))}
      <SeverityCounts report={report} active={sev} />
      <Downloads report={report} />
      <FindingsTables findings={report.findings} />
      {report.findings.length === 0 ? <p class="empty">No findings.</p> : null}
      <p class="help">Advisory ids link to osv.dev; this page fetches nothing from there.</p>
    </section>
  );
}
