import type { JSX } from 'preact';
import type { PipelineRun } from '../../api';
import { DataTable, StatusBadge, TimeAgo, type Column } from '../../components';
import { Link } from '../../router';
import { durationText, refLabel } from './run-format';

const runHref = (r: PipelineRun): string => `/apps/${encodeURIComponent(r.app)}/pipelines/${r.number}`;

/** The columns of a runs list: run, status, trigger, ref, commit, actor, duration, created. */
function columns(showApp: boolean, nowMs: number): Column<PipelineRun>[] {
  return [
    ...(showApp
      ? [
          {
            key: 'app',
            header: 'App',
            render: (r: PipelineRun) => (
              <Link href={`/apps/${encodeURIComponent(r.app)}/pipelines`}>{r.app}</Link>
            ),
          },
        ]
      : []),
    {
      key: 'number',
      header: 'Run',
      render: (r) => (
        <Link href={runHref(r)} class="strong-link" aria-label={`${r.app} run ${r.number}`}>
          #{r.number}
        </Link>
      ),
    },
    { key: 'status', header: 'Status', render: (r) => <StatusBadge status={r.status} /> },
    { key: 'event', header: 'Trigger', render: (r) => r.event },
    { key: 'ref', header: 'Ref', mono: true, render: refLabel },
    {
      key: 'commit',
      header: 'Commit',
      mono: true,
      hideOnNarrow: true,
      render: (r) => (r.commit ? <span title={r.commit}>{r.commit.slice(0, 8)}</span> : '–'),
    },
    { key: 'actor', header: 'Actor', hideOnNarrow: true, render: (r) => r.trigger.sender },
    {
      key: 'duration',
      header: 'Duration',
      align: 'end',
      hideOnNarrow: true,
      render: (r) => durationText(r.startedAt, r.finishedAt, nowMs),
    },
    { key: 'createdAt', header: 'Created', render: (r) => <TimeAgo at={r.createdAt} /> },
  ];
}

/**
 * A list of pipeline runs. Pages itself (`pageParam`) or, with `page`/`onPage`/`pageCount`, shows one
 * page fetched by the caller.
 */
export function RunsTable({
  runs,
  showApp,
  nowMs,
  empty,
  paging,
}: {
  runs: readonly PipelineRun[];
  showApp: boolean;
  nowMs: number;
  empty: JSX.Element | string;
  paging: { pageParam: string } | { page: number; pageCount: number; onPage: (page: number) => void };
}): JSX.Element {
  return (
    <DataTable
      caption="Pipeline runs"
      rows={runs}
      rowKey={(r) => r.id}
      columns={columns(showApp, nowMs)}
      empty={empty}
      {...paging}
    />
  );
}
