import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, useAsync } from '../../api';
import { ErrorBanner, LiveStatus, Spinner, StatusBadge, TimeAgo } from '../../components';
import { Link, setQuery, useQuery } from '../../router';
import { dagColumns, variantsOf } from './dag-layout';
import { ApprovalPanel, RunActions } from './run-actions';
import { RunDag, type DagStepView } from './run-dag';
import { durationText, isActive, refLabel, triggerLabel } from './run-format';
import { RunReports } from './run-reports';
import { stepKey } from './run-stream';
import { StepLog } from './step-log';
import type { RunDetail } from './types';
import { useNow } from './use-now';
import { useRunStream } from './use-run-stream';

/** The step to show first: one waiting for approval, else running, else failed, else the first. */
function defaultStep(nodes: readonly DagStepView[]): string | undefined {
  const pick = (status: string): DagStepView | undefined => nodes.find((n) => n.status === status);
  return (pick('waiting') ?? pick('running') ?? pick('failure') ?? nodes[0])?.name;
}

/**
 * One run (`/apps/:app/pipelines/:run`): what started it, its steps as a DAG with live status and
 * timings, the selected step's live log, approvals, cancel / re-run, and its test and analysis reports.
 */
export function RunView({ app, number }: { app: string; number: string }): JSX.Element {
  const path = `/apps/${encodeURIComponent(app)}/pipelines/runs/${encodeURIComponent(number)}`;
  const [queued, setQueued] = useState(false);
  // A queued run has no live stream yet (the daemon ends it at once): ask every 2 s until it starts.
  const {
    data: run,
    error,
    reload,
  } = useAsync((signal) => api.get<RunDetail>(path, { signal }), path, queued ? { refreshMs: 2000 } : {});
  useEffect(() => setQueued(run?.status === 'queued'), [run?.status]);
  // Status events come in bursts (a step ends, the next starts): reload at most twice a second.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const soon = useCallback(() => {
    pending.current ??= setTimeout(() => {
      pending.current = undefined;
      reload();
    }, 500);
  }, [reload]);
  useEffect(() => () => clearTimeout(pending.current), []);
  const stream = useRunStream(app, number, run !== undefined, soon, queued ? 'queued' : 'started');
  const query = useQuery();
  const active = run !== undefined && isActive(stream.live.run?.status ?? run.status);
  const now = useNow(active);

  const title = `${app} #${number}`;
  if (!run) {
    return (
      <section class="page pipelines-page" aria-labelledby="page-title">
        <header class="page-header">
          <h1 id="page-title">{title}</h1>
        </header>
        {error ? <ErrorBanner error={error} onRetry={reload} /> : <Spinner label="Loading the run…" />}
      </section>
    );
  }

  const variants = variantsOf(run.graph, run.steps);
  const variant = variants.includes(query.get('variant') ?? '') ? (query.get('variant') ?? '') : variants[0]!;
  const nodes: DagStepView[][] = dagColumns(run.graph, run.steps, variant).map((column) =>
    column.map((node) => {
      const live = stream.live.step(stepKey(variant, node.name));
      let status = live?.status ?? node.record?.status ?? 'not started';
      if (node.kind === 'approval' && status === 'running' && run.status === 'waiting') status = 'waiting';
      return { ...node, status };
    }),
  );
  const flat = nodes.flat();
  const selected = flat.find((n) => n.name === query.get('step'))?.name ?? defaultStep(flat);
  const selectedNode = flat.find((n) => n.name === selected);
  const key = stepKey(variant, selected ?? '');
  const liveStep = stream.live.step(key);
  const runStatus = run.status;

  return (
    <section class="page pipelines-page" aria-labelledby="page-title" data-testid="pipeline-run">
      <header class="page-header">
        <h1 id="page-title">
          {title} <StatusBadge status={runStatus} />
        </h1>
        <div class="page-actions">
          {stream.ended ? null : <LiveStatus state={stream.state} />}
          <Link href={`/apps/${encodeURIComponent(app)}/pipelines`}>All runs of {app}</Link>
        </div>
      </header>
      {error ? (
        <ErrorBanner title="Showing the last answer; refreshing failed" error={error} onRetry={reload} />
      ) : null}
      {stream.error ? <ErrorBanner title="The live log stopped" error={stream.error} /> : null}
      <dl class="run-facts">
        <div>
          <dt>Trigger</dt>
          <dd>{triggerLabel(run)}</dd>
        </div>
        <div>
          <dt>Ref</dt>
          <dd class="mono">{refLabel(run)}</dd>
        </div>
        <div>
          <dt>Commit</dt>
          <dd class="mono" title={run.commit ?? undefined}>
            {run.commit ? run.commit.slice(0, 12) : '–'}
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <TimeAgo at={run.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{durationText(run.startedAt, run.finishedAt, now)}</dd>
        </div>
        <div>
          <dt>Releases</dt>
          <dd>
            {run.releases.length === 0
              ? '–'
              : run.releases.map((n) => (
                  <Link key={n} href={`/apps/${encodeURIComponent(app)}?release=${n}`}>
                    #{n}{' '}
                  </Link>
                ))}
          </dd>
        </div>
      </dl>
      {run.trigger.message ? <p class="muted run-commit-message">{run.trigger.message}</p> : null}
      {run.message ? (
        <p class={run.status === 'success' ? 'banner' : 'banner banner-warn'} role="status">
          {run.message}
        </p>
      ) : null}
      <ApprovalPanel run={run} onDone={reload} />
      <RunActions run={run} onDone={reload} />
      <section class="card" aria-labelledby="steps-title">
        <div class="card-head">
          <h2 id="steps-title">Steps</h2>
          {variants.length > 1 ? (
            <label class="inline-field">
              <span>Variant</span>
              <select
                value={variant}
                onChange={(e) => setQuery({ variant: e.currentTarget.value, step: null })}
              >
                {variants.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        {flat.length === 0 ? (
          <p class="empty">
            {isActive(run.status)
              ? 'No step has started yet (checking out the commit…).'
              : 'This run ran no steps.'}
          </p>
        ) : (
          <RunDag columns={nodes} selected={selected} onSelect={(step) => setQuery({ step })} nowMs={now} />
        )}
      </section>
      {selectedNode ? (
        <section class="card" aria-labelledby="log-title">
          <div class="card-head">
            <h2 id="log-title">
              Log of {selectedNode.name} <StatusBadge status={selectedNode.status} />
            </h2>
            <span class="muted">
              {selectedNode.record
                ? durationText(
                    selectedNode.record.startedAt,
                    selectedNode.status === 'running' || selectedNode.status === 'waiting'
                      ? null
                      : (selectedNode.record.finishedAt ?? selectedNode.record.startedAt),
                    now,
                  )
                : 'not started'}
            </span>
          </div>
          {(liveStep?.message ?? selectedNode.record?.message) ? (
            <p class="help">{liveStep?.message ?? selectedNode.record?.message}</p>
          ) : null}
          <StepLog
            lines={stream.live.lines(key)}
            total={stream.live.total(key)}
            label={`Output of step ${selectedNode.name}`}
            version={stream.version}
          />
        </section>
      ) : null}
      <RunReports steps={run.steps} />
      {Object.keys(run.outputs ?? {}).length > 0 ? (
        <details class="card">
          <summary>Step outputs</summary>
          <dl class="outputs mono">
            {Object.entries(run.outputs).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </section>
  );
}
