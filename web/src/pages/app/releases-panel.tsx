import type { JSX } from 'preact';
import { api } from '../../api';
import {
  ConfirmButton,
  DataTable,
  ErrorBanner,
  Spinner,
  StatusBadge,
  TimeAgo,
  type Column,
} from '../../components';
import { Link } from '../../router';
import { CopyButton } from './parts/copy-button';
import { canRollBackTo, releaseOrigin, releaseState, shortImageId, type Release } from './release-view';

function Images({ release }: { release: Release }): JSX.Element {
  return (
    <ul class="release-images">
      {Object.entries(release.services).map(([service, s]) => (
        <li key={service}>
          <span class="muted">{service}</span>{' '}
          <span class="clip" title={s.image}>
            {s.image}
          </span>{' '}
          {s.imageId ? (
            <span class="nowrap">
              <code class="mono" title={s.imageId}>
                {shortImageId(s.imageId)}
              </code>
              <CopyButton
                text={s.imageId}
                label={`Copy the image id of ${service} in release ${release.number}`}
              />
            </span>
          ) : null}
          {s.replicas !== 1 ? <span class="muted"> ×{s.replicas}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The app's releases, newest first, with status (progressing, verified, paused, failed, rolled back),
 * image ids, who and why, and a rollback per retained release for deployers.
 */
export function ReleasesPanel({
  app,
  releases,
  error,
  current,
  mayChange,
  onChanged,
}: {
  app: string;
  releases: readonly Release[] | undefined;
  error: unknown;
  current: number | null;
  mayChange: boolean;
  onChanged: () => void;
}): JSX.Element {
  const columns: Column<Release>[] = [
    { key: 'number', header: '#', align: 'end' },
    {
      key: 'status',
      header: 'Status',
      render: (r) => {
        const state = releaseState(r);
        return (
          <span class="release-status" title={r.message ?? undefined}>
            <StatusBadge status={state.status} tone={state.tone} />
            {r.number === current ? <span class="chip chip-current">current</span> : null}
          </span>
        );
      },
    },
    { key: 'images', header: 'Images', hideOnNarrow: true, render: (r) => <Images release={r} /> },
    {
      key: 'who',
      header: 'Who',
      render: (r) => <span class="nowrap">{releaseOrigin(r.reason).who || '–'}</span>,
    },
    {
      key: 'why',
      header: 'Why',
      render: (r) => (
        <span class="release-why">
          <span class="clip" title={r.reason}>
            {releaseOrigin(r.reason).why}
          </span>
          {r.pipelineRunNumber !== null && r.pipelineRunNumber !== undefined ? (
            <Link href={`/apps/${encodeURIComponent(app)}/pipelines/${r.pipelineRunNumber}`}>
              run #{r.pipelineRunNumber}
            </Link>
          ) : null}
          {r.message ? <span class="help release-message">{r.message}</span> : null}
        </span>
      ),
    },
    { key: 'createdAt', header: 'When', render: (r) => <TimeAgo at={r.createdAt} /> },
  ];
  if (mayChange) {
    columns.push({
      key: 'actions',
      header: <span class="visually-hidden">Actions</span>,
      render: (r) =>
        canRollBackTo(r, current) ? (
          <ConfirmButton
            question={`Roll back ${app} to release ${r.number}?`}
            confirmLabel={`Roll back to #${r.number}`}
            danger
            onConfirm={async () => {
              await api.post(`/apps/${encodeURIComponent(app)}/rollback`, { to: r.number });
              onChanged();
            }}
          >
            Roll back to #{r.number}
          </ConfirmButton>
        ) : null,
    });
  }
  return (
    <section class="card releases-card" aria-labelledby="releases-title">
      <header class="card-header">
        <h2 id="releases-title">Releases</h2>
        {releases ? <span class="muted">{releases.length} retained</span> : null}
      </header>
      {error ? <ErrorBanner title="Could not load the releases" error={error} /> : null}
      {releases ? (
        <DataTable
          caption="Releases"
          rows={releases}
          rowKey={(r) => r.number}
          pageSize={10}
          pageParam="releases"
          empty="No releases yet."
          columns={columns}
        />
      ) : error ? null : (
        <Spinner label="Loading releases…" />
      )}
    </section>
  );
}
