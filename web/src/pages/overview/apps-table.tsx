import type { JSX } from 'preact';
import type { AppStatus } from '../../api';
import { DataTable, StatusBadge, TimeAgo } from '../../components';
import { Link } from '../../router';
import { appHealth, serviceCount, serviceTone } from './health';

/** Every app with its health, ready/desired per service and current release. */
export function AppsTable({ apps }: { apps: readonly AppStatus[] }): JSX.Element {
  return (
    <DataTable
      caption="Apps"
      rows={apps}
      rowKey={(a) => a.app}
      pageParam="apps"
      empty={
        <>
          No apps yet. Deploy one with <code>berth up</code> in a folder with a <code>compose.yaml</code>.
        </>
      }
      columns={[
        {
          key: 'app',
          header: 'App',
          render: (a) => (
            <Link href={`/apps/${encodeURIComponent(a.app)}`} class="strong-link">
              {a.app}
            </Link>
          ),
        },
        { key: 'health', header: 'Health', render: (a) => <StatusBadge status={appHealth(a)} /> },
        {
          key: 'services',
          header: 'Services (ready/desired)',
          render: (a) =>
            a.services.length === 0 ? (
              <span class="muted">none</span>
            ) : (
              <ul class="chips" aria-label={`services of ${a.app}`}>
                {a.services.map((s) => (
                  <li key={s.name} class={`chip chip-${serviceTone(s)}`} title={s.waiting ?? undefined}>
                    <span>{s.name}</span> <strong class="num">{serviceCount(s)}</strong>
                  </li>
                ))}
              </ul>
            ),
        },
        {
          key: 'release',
          header: 'Release',
          hideOnNarrow: true,
          render: (a) =>
            a.release === null ? (
              <span class="muted">down</span>
            ) : (
              <span class="nowrap">
                #{a.release} {a.releaseStatus ? <StatusBadge status={a.releaseStatus} /> : null}
              </span>
            ),
        },
        {
          key: 'observed',
          header: 'Checked',
          hideOnNarrow: true,
          render: (a) => <TimeAgo at={a.observedAt} />,
        },
      ]}
    />
  );
}
