import type { JSX } from 'preact';
import type { AppEvent } from '../../api';
import { DataTable, ErrorBanner, LiveStatus, StatusBadge, TimeAgo, type Tone } from '../../components';
import { setQuery, useQuery } from '../../router';
import { eventGroup } from './release-view';
import type { LiveEvents } from './use-live-events';

/** How each group of event kinds reads at a glance (docs/api.md lists the kinds). */
function eventTone(kind: string): Tone {
  if (/failed|error|preempted|firing|aborted/.test(kind)) return 'bad';
  if (/paused|rollback|restarted|pending|anomaly|tolerated/.test(kind)) return 'warn';
  if (/active|ready|resolved|resumed/.test(kind)) return 'ok';
  return 'info';
}

/** Failing probes say so in the message; their kind alone does not. */
function toneOf(event: AppEvent): Tone {
  if (event.kind.startsWith('probe.')) return event.data.passing === false ? 'warn' : 'ok';
  return eventTone(event.kind);
}

/**
 * The app's live events (SSE): live/reconnecting state, a filter by kind group kept in the URL
 * (`?kind=replica`), and pages of 15.
 */
export function EventsFeed({ feed }: { feed: LiveEvents }): JSX.Element {
  const query = useQuery();
  const kind = query.get('kind') ?? '';
  const groups = [...new Set(feed.events.map((e) => eventGroup(e.kind)))].sort();
  if (kind && !groups.includes(kind)) groups.push(kind);
  const shown = kind ? feed.events.filter((e) => eventGroup(e.kind) === kind) : feed.events;
  return (
    <section class="card" aria-labelledby="events-title">
      <header class="card-header">
        <h2 id="events-title">Events</h2>
        <LiveStatus state={feed.live} />
        <label class="events-filter">
          <span>Kind</span>
          <select
            value={kind}
            onChange={(e) => setQuery({ kind: e.currentTarget.value, events: null })}
            aria-label="Show events of kind"
          >
            <option value="">all kinds</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
      </header>
      {feed.error && feed.live === 'closed' ? (
        <ErrorBanner title="The events feed stopped" error={feed.error} />
      ) : null}
      {feed.error && feed.live === 'reconnecting' ? (
        <p class="help">Lost the connection to Berth ({feed.error.message}); reconnecting…</p>
      ) : null}
      <DataTable
        caption={kind ? `Events of kind ${kind}` : 'Events'}
        rows={shown}
        rowKey={(e) => e.id}
        pageSize={15}
        pageParam="events"
        empty={
          feed.live === 'connecting'
            ? 'Loading events…'
            : kind
              ? `No ${kind} events yet.`
              : 'No events yet: they appear here as replicas start, probes pass and releases roll out.'
        }
        columns={[
          { key: 'at', header: 'When', render: (e) => <TimeAgo at={e.at} /> },
          {
            key: 'kind',
            header: 'Kind',
            hideOnNarrow: true,
            render: (e) => <StatusBadge status={e.kind} label={e.kind} tone={toneOf(e)} />,
          },
          {
            key: 'message',
            header: 'What happened',
            render: (e) => (
              <>
                <span class="event-kind-inline">
                  <StatusBadge status={e.kind} label={e.kind} tone={toneOf(e)} />
                </span>
                <span class="event-message">{e.message}</span>
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
