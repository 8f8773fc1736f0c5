import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, useApi, useAsync } from '../../api';
import { DataTable, ErrorBanner, Spinner, StatusBadge, TimeAgo } from '../../components';
import { setQuery, useQuery } from '../../router';
import { useSession } from '../../session';
import { RoleNote } from './parts/role-note';
import { outcomeClass, outcomeTone } from './settings-logic';
import type { AuditEntry, User } from './types';

const pageSize = 25;

const outcomeChoices = [
  { key: '', label: 'any outcome' },
  { key: 'ok', label: 'succeeded' },
  { key: 'denied', label: 'denied (401, 403, failed login)' },
  { key: 'error', label: 'failed (other errors)' },
] as const;

/**
 * The audit log (admins): who did what, when, from where, and the outcome, newest first; filtered by
 * actor and outcome on the server and paged with its `before` cursor (`?actor=&outcome=&before=` in
 * the URL; the way back is remembered for "Previous").
 */
export function AuditSection(): JSX.Element {
  const { user: me } = useSession();
  const isAdmin = me.role === 'admin';
  const query = useQuery();
  const actor = query.get('actor') ?? '';
  const outcome = query.get('outcome') ?? '';
  const before = Number(query.get('before')) || 0;
  const [trail, setTrail] = useState<number[]>([]);
  const [actorText, setActorText] = useState(actor);
  useEffect(() => setActorText(actor), [actor]);
  const users = useApi<{ users: User[] }>(isAdmin ? '/users' : null);
  const entries = useAsync(
    async (signal) =>
      isAdmin
        ? (
            await api.get<{ entries: AuditEntry[] }>('/audit', {
              signal,
              query: {
                limit: pageSize + 1,
                before: before || null,
                actor: actor || null,
                outcome: outcome || null,
              },
            })
          ).entries
        : [],
    `${actor}|${outcome}|${before}`,
  );

  if (!isAdmin) return <RoleNote what="Reading the audit log" need="admin" role={me.role} />;

  const filter = (patch: { actor?: string; outcome?: string }): void => {
    setTrail([]);
    setQuery({ ...patch, before: null });
  };
  const rows = entries.data?.slice(0, pageSize) ?? [];
  const hasNext = (entries.data?.length ?? 0) > pageSize;
  const page = before ? Math.max(trail.length + 1, 2) : 1;
  const goTo = (target: number): void => {
    if (target > page) {
      const last = rows[rows.length - 1];
      if (!last) return;
      setTrail([...trail, before]);
      setQuery({ before: last.id });
    } else {
      const previous = trail[trail.length - 1] ?? 0;
      setTrail(trail.slice(0, -1));
      setQuery({ before: previous || null });
    }
  };

  return (
    <div class="settings-section">
      <p class="help">
        Every change made through the API and every login, newest first. Reading is not recorded. Also:{' '}
        <code>berth audit</code>.
      </p>
      <form
        class="filters"
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          filter({ actor: actorText.trim() });
        }}
      >
        <div class="field">
          <label for="audit-actor">Who</label>
          <input
            id="audit-actor"
            list="audit-actors"
            value={actorText}
            autocomplete="off"
            spellcheck={false}
            placeholder="any user"
            onInput={(e) => setActorText(e.currentTarget.value)}
            onChange={(e) => filter({ actor: e.currentTarget.value.trim() })}
          />
          <datalist id="audit-actors">
            {[...(users.data?.users.map((u) => u.name) ?? []), 'admin-token', 'anonymous'].map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div class="field">
          <label for="audit-outcome">Outcome</label>
          <select
            id="audit-outcome"
            value={outcome}
            onChange={(e) => filter({ outcome: e.currentTarget.value })}
          >
            {outcomeChoices.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div class="filter-buttons">
          <button type="submit" class="button">
            Filter
          </button>
          {actor || outcome ? (
            <button
              type="button"
              class="button button-ghost"
              onClick={() => filter({ actor: '', outcome: '' })}
            >
              Clear
            </button>
          ) : null}
        </div>
      </form>
      {entries.error ? <ErrorBanner error={entries.error} onRetry={entries.reload} /> : null}
      {entries.data ? (
        <DataTable
          caption="Audit log"
          rows={rows}
          rowKey={(e) => e.id}
          page={page}
          hasNext={hasNext}
          onPage={goTo}
          empty={actor || outcome ? 'Nothing matches these filters.' : 'Nothing recorded yet.'}
          columns={[
            { key: 'at', header: 'When', render: (e) => <TimeAgo at={e.at} /> },
            { key: 'actor', header: 'Who', render: (e) => <strong>{e.actor}</strong> },
            {
              key: 'what',
              header: 'What',
              render: (e) => (
                <span class="audit-what">
                  <span class="mono">{e.action}</span> <span class="mono">{e.target}</span>
                </span>
              ),
            },
            { key: 'source', header: 'From', mono: true, hideOnNarrow: true },
            {
              key: 'outcome',
              header: 'Outcome',
              render: (e) => <StatusBadge status={e.outcome} tone={outcomeTone[outcomeClass(e.outcome)]} />,
            },
          ]}
        />
      ) : entries.loading ? (
        <Spinner label="Loading the audit log…" />
      ) : null}
    </div>
  );
}
