import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, useApi } from '../../api';
import { ConfirmButton, DataTable, ErrorBanner, Spinner, StatusBadge, TimeAgo } from '../../components';
import { setQuery, useQuery } from '../../router';
import { useSession } from '../../session';
import { CreateTokenForm } from './create-token-form';
import { ShownOnce } from './parts/shown-once';
import { tokenState } from './settings-logic';
import type { ApiToken, CreatedToken, User } from './types';

/**
 * API tokens: the user's own (admins: everyone's with "all users"), newest first, with their state;
 * create one (shown once) and revoke. Login sessions are tokens too (`login …`).
 */
export function TokensSection(): JSX.Element {
  const { user: me } = useSession();
  const isAdmin = me.role === 'admin';
  const query = useQuery();
  const all = isAdmin && query.get('all') === '1';
  const showInactive = query.get('inactive') === '1';
  const tokens = useApi<{ tokens: ApiToken[] }>('/tokens', all ? { query: { all: 1 } } : {});
  const users = useApi<{ users: User[] }>(isAdmin ? '/users' : null);
  const [created, setCreated] = useState<CreatedToken | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const now = Date.now();
  const rows = [...(tokens.data?.tokens ?? [])]
    .reverse()
    .filter((t) => showInactive || tokenState(t, now) === 'active');

  return (
    <div class="settings-section">
      <p class="help">
        Tokens let scripts and CI call the API (<code>Authorization: Bearer …</code>) with the role of their
        user. Browser and CLI logins are tokens too (named <code>login …</code>): revoking the one you are
        using logs you out.
      </p>
      {created ? (
        <ShownOnce
          id="new-token"
          title={`Token “${created.name}” for ${created.user}`}
          label="API token"
          value={created.token}
          onDone={() => setCreated(undefined)}
        >
          {`It expires ${created.expiresAt ? new Date(created.expiresAt).toLocaleDateString() : 'never'}. Use it as BERTH_TOKEN for the CLI or as a bearer token.`}
        </ShownOnce>
      ) : null}
      {notice ? (
        <p class="banner banner-ok" role="status">
          {notice}
        </p>
      ) : null}
      <div class="filters">
        {isAdmin ? (
          <label class="check">
            <input
              type="checkbox"
              checked={all}
              onChange={(e) => setQuery({ all: e.currentTarget.checked ? 1 : null, tpage: null })}
            />
            Every user’s tokens
          </label>
        ) : null}
        <label class="check">
          <input
            type="checkbox"
            checked={showInactive}
            onChange={(e) => setQuery({ inactive: e.currentTarget.checked ? 1 : null, tpage: null })}
          />
          Show revoked and expired
        </label>
      </div>
      {tokens.error ? <ErrorBanner error={tokens.error} onRetry={tokens.reload} /> : null}
      {tokens.data ? (
        <DataTable
          caption={all ? 'API tokens of every user' : 'Your API tokens'}
          rows={rows}
          rowKey={(t) => t.id}
          pageParam="tpage"
          empty={
            me.name === 'admin-token' && !all
              ? 'The admin token is not a user and has no tokens of its own: tick “Every user’s tokens”, or create one for a user below.'
              : 'No active tokens.'
          }
          columns={[
            {
              key: 'name',
              header: 'Name',
              render: (t) => (
                <span class="clip" title={t.name}>
                  {t.name}
                </span>
              ),
            },
            ...(all ? [{ key: 'user', header: 'User' }] : []),
            {
              key: 'state',
              header: 'State',
              render: (t) => (
                <StatusBadge
                  status={tokenState(t, now)}
                  tone={tokenState(t, now) === 'active' ? 'ok' : 'neutral'}
                />
              ),
            },
            {
              key: 'created',
              header: 'Created',
              hideOnNarrow: true,
              render: (t) => <TimeAgo at={t.createdAt} />,
            },
            {
              key: 'expires',
              header: 'Expires',
              hideOnNarrow: true,
              render: (t) =>
                t.expiresAt === null ? <span class="muted">never</span> : <TimeAgo at={t.expiresAt} />,
            },
            {
              key: 'used',
              header: 'Last used',
              hideOnNarrow: true,
              render: (t) =>
                t.lastUsedAt === null ? <span class="muted">never</span> : <TimeAgo at={t.lastUsedAt} />,
            },
            {
              key: 'actions',
              header: <span class="visually-hidden">Actions</span>,
              align: 'end',
              render: (t) =>
                tokenState(t, now) === 'active' ? (
                  <ConfirmButton
                    danger
                    question={`Revoke “${t.name}”? Whatever uses it gets 401 from now on.`}
                    confirmLabel="Revoke"
                    onConfirm={async () => {
                      await api.del(`/tokens/${t.id}`);
                      setNotice(`Revoked “${t.name}”.`);
                      tokens.reload();
                    }}
                  >
                    Revoke<span class="visually-hidden"> {t.name}</span>
                  </ConfirmButton>
                ) : null,
            },
          ]}
        />
      ) : tokens.loading ? (
        <Spinner label="Loading tokens…" />
      ) : null}
      <CreateTokenForm
        me={me}
        users={users.data?.users.map((u) => u.name) ?? []}
        onCreated={(token) => {
          setNotice('');
          setCreated(token);
          tokens.reload();
        }}
      />
    </div>
  );
}
