import type { JSX } from 'preact';
import type { AppEvent, PipelineRun, ReleaseSummary } from '../../api';
import { DataTable, StatusBadge, TimeAgo } from '../../components';
import { Link } from '../../router';
import type { AlertRow } from './health';

const appLink = (app: string): JSX.Element => <Link href={`/apps/${encodeURIComponent(app)}`}>{app}</Link>;

/** Firing and pending alerts, then anomalies of the last 24 hours. */
export function AttentionTable({
  alerts,
  anomalies,
}: {
  alerts: readonly AlertRow[];
  anomalies: readonly AppEvent[];
}): JSX.Element {
  type Row = { key: string; app: string; kind: string; status: string; message: string; at: number };
  const rows: Row[] = [
    ...alerts.map((a) => ({
      key: `alert:${a.app}:${a.rule.name}:${JSON.stringify(a.alert.labels)}`,
      app: a.app,
      kind: `alert · ${a.rule.severity}`,
      status: a.alert.state,
      message: `${a.rule.name} (value ${a.alert.value})`,
      at: a.alert.firedAtMs ?? a.alert.activeSinceMs,
    })),
    ...anomalies.map((e) => ({
      key: `event:${e.id}`,
      app: e.app,
      kind: e.kind,
      status: 'anomaly',
      message: e.message,
      at: e.at,
    })),
  ];
  return (
    <DataTable
      caption="Alerts and anomalies"
      rows={rows}
      rowKey={(r) => r.key}
      pageSize={8}
      pageParam="attention"
      empty="No firing alerts and no anomalies in the last 24 hours."
      columns={[
        {
          key: 'status',
          header: 'State',
          render: (r) => <StatusBadge status={r.status} tone={r.status === 'anomaly' ? 'warn' : undefined} />,
        },
        { key: 'app', header: 'App', render: (r) => appLink(r.app) },
        { key: 'message', header: 'What', render: (r) => <span title={r.kind}>{r.message}</span> },
        { key: 'at', header: 'Since', render: (r) => <TimeAgo at={r.at} /> },
      ]}
    />
  );
}

/** The newest releases over all apps. */
export function ReleasesTable({ releases }: { releases: readonly ReleaseSummary[] }): JSX.Element {
  return (
    <DataTable
      caption="Recent releases"
      rows={releases}
      rowKey={(r) => `${r.app}#${r.number}`}
      pageSize={8}
      pageParam="releases"
      empty="No releases yet."
      columns={[
        { key: 'app', header: 'App', render: (r) => appLink(r.app) },
        { key: 'number', header: '#', align: 'end' },
        {
          key: 'status',
          header: 'Status',
          render: (r) => (
            <StatusBadge status={r.verifiedAt && r.status === 'active' ? 'verified' : r.status} />
          ),
        },
        {
          key: 'reason',
          header: 'Why',
          hideOnNarrow: true,
          render: (r) => (
            <span class="clip" title={r.message ?? r.reason}>
              {r.reason}
            </span>
          ),
        },
        { key: 'createdAt', header: 'When', render: (r) => <TimeAgo at={r.createdAt} /> },
      ]}
    />
  );
}

/** The newest pipeline runs over all apps. */
export function RunsTable({ runs }: { runs: readonly PipelineRun[] }): JSX.Element {
  return (
    <DataTable
      caption="Recent pipeline runs"
      rows={runs}
      rowKey={(r) => r.id}
      pageSize={8}
      pageParam="runs"
      empty={
        <>
          No pipeline runs yet. Connect a repository with <code>berth pipeline setup APP --repo URL</code>.
        </>
      }
      columns={[
        { key: 'app', header: 'App', render: (r) => appLink(r.app) },
        {
          key: 'number',
          header: 'Run',
          render: (r) => (
            <Link href={`/apps/${encodeURIComponent(r.app)}/pipelines/${r.number}`}>#{r.number}</Link>
          ),
        },
        { key: 'status', header: 'Status', render: (r) => <StatusBadge status={r.status} /> },
        {
          key: 'ref',
          header: 'Ref',
          hideOnNarrow: true,
          render: (r) => (
            <span class="mono">
              {(r.ref ?? r.event).replace(/^refs\/(heads|tags)\//, '')}
              {r.commit ? ` @ ${r.commit.slice(0, 7)}` : ''}
            </span>
          ),
        },
        { key: 'createdAt', header: 'When', render: (r) => <TimeAgo at={r.createdAt} /> },
      ]}
    />
  );
}
