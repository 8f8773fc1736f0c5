import type { JSX } from 'preact';
import { useAsync } from '../../api';
import { DataTable, ErrorBanner, Spinner, StatusBadge, TimeAgo } from '../../components';
import { Link } from '../../router';
import { policyText } from './findings';
import { loadReleaseGates, releasesPerApp, type ReleaseGate, type ScanGate } from './load-gates';

const counts = (summary: Record<string, number> | undefined): string =>
  summary
    ? Object.entries(summary)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ') || 'no findings'
    : '';

function Gate({ gate }: { gate: ScanGate }): JSX.Element {
  const word = gate.status === 'success' ? 'passed' : gate.status === 'failure' ? 'blocked' : gate.status;
  return (
    <div class="gate">
      <StatusBadge status={gate.status} label={`${gate.step}: ${word}`} />
      <span class="gate-policy">{gate.policy ? policyText(gate.policy) : 'policy not recorded'}</span>
      {gate.target ? <span class="mono muted">{gate.target}</span> : null}
      {gate.summary ? <span class="muted">{counts(gate.summary)}</span> : null}
      {gate.message && gate.status !== 'success' ? <span class="muted">{gate.message}</span> : null}
    </div>
  );
}

/** What gated a release: the scan steps of the pipeline run that made it, or why there is none. */
function gateCell(row: ReleaseGate): JSX.Element {
  if (row.release.pipelineRun === null) {
    return <span class="muted">No gate: not deployed by a pipeline ({row.release.reason})</span>;
  }
  if (!row.run) return <span class="muted">Pipeline run {row.release.pipelineRun} is no longer listed</span>;
  if (row.scans.length === 0) return <span class="muted">The run had no scan step</span>;
  return (
    <>
      {row.scans.map((gate) => (
        <Gate key={gate.step} gate={gate} />
      ))}
    </>
  );
}

/**
 * "The policy that gated each release" (issue 7): the newest releases of every app (or of `app`), each
 * with the scan policy and outcome of the pipeline run that deployed it.
 */
export function ReleaseGates({ app }: { app: string | undefined }): JSX.Element {
  const { data, error, reload } = useAsync((signal) => loadReleaseGates(app, signal), `gates:${app ?? ''}`, {
    refreshMs: 30_000,
  });
  return (
    <section class="card" aria-labelledby="gates-title">
      <h2 id="gates-title">Release gates{app ? ` of ${app}` : ''}</h2>
      {error ? <ErrorBanner error={error} onRetry={reload} /> : null}
      {data ? (
        <DataTable
          caption="Releases and the scan policy that gated them"
          rows={data}
          rowKey={(r) => `${r.release.app}#${r.release.number}`}
          pageParam="gpage"
          pageSize={10}
          empty="No releases yet."
          columns={[
            {
              key: 'release',
              header: 'Release',
              render: (r) => (
                <Link href={`/apps/${encodeURIComponent(r.release.app)}`}>
                  {r.release.app} #{r.release.number}
                </Link>
              ),
            },
            {
              key: 'status',
              header: 'Status',
              hideOnNarrow: true,
              render: (r) => <StatusBadge status={r.release.status} />,
            },
            {
              key: 'run',
              header: 'Run',
              render: (r) =>
                r.run ? (
                  <Link href={`/apps/${encodeURIComponent(r.run.app)}/pipelines/${r.run.number}`}>
                    {r.run.app === r.release.app ? '' : `${r.run.app} `}#{r.run.number}
                  </Link>
                ) : (
                  '–'
                ),
            },
            { key: 'gate', header: 'Scan gate', render: gateCell },
            {
              key: 'createdAt',
              header: 'Created',
              hideOnNarrow: true,
              render: (r) => <TimeAgo at={r.release.createdAt} />,
            },
          ]}
        />
      ) : error ? null : (
        <Spinner label="Loading releases…" />
      )}
      <p class="help">
        The newest {releasesPerApp} releases of each app. Releases do not record a scan themselves: a release
        made by a pipeline is gated by that run’s scan steps.
      </p>
    </section>
  );
}
