import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, useApi } from '../../api';
import { ConfirmButton, DataTable, ErrorBanner, Spinner, StatusBadge, TimeAgo } from '../../components';
import { useSession } from '../../session';
import { AddUserForm } from './add-user-form';
import { RoleNote } from './parts/role-note';
import type { User } from './types';

const roleTone = { admin: 'bad', deployer: 'warn', viewer: 'info' } as const;

/** Users (admins only): list, add with a role and optional apps, remove (their tokens stop working). */
export function UsersSection(): JSX.Element {
  const { user: me } = useSession();
  const isAdmin = me.role === 'admin';
  const users = useApi<{ users: User[] }>(isAdmin ? '/users' : null);
  const [notice, setNotice] = useState('');

  if (!isAdmin) return <RoleNote what="Managing users" need="admin" role={me.role} />;
  return (
    <div class="settings-section">
      <p class="help">
        People who log in to the dashboard or the CLI (<code>berth login</code>). Each gets a role, optionally
        limited to some apps. The admin token (<code>$BERTH_HOME/admin.token</code>) is not a user.
      </p>
      {notice ? (
        <p class="banner banner-ok" role="status">
          {notice}
        </p>
      ) : null}
      {users.error ? <ErrorBanner error={users.error} onRetry={users.reload} /> : null}
      {users.data ? (
        <DataTable
          caption="Users"
          rows={users.data.users}
          rowKey={(u) => u.name}
          pageParam="upage"
          empty="No users yet: add the first one below."
          columns={[
            { key: 'name', header: 'Name', render: (u) => <strong>{u.name}</strong> },
            {
              key: 'role',
              header: 'Role',
              render: (u) => <StatusBadge status={u.role} tone={roleTone[u.role]} />,
            },
            {
              key: 'apps',
              header: 'Apps',
              render: (u) =>
                u.apps === null ? (
                  <span class="muted">every app</span>
                ) : (
                  <ul class="chips" aria-label={`apps of ${u.name}`}>
                    {u.apps.map((a) => (
                      <li key={a} class="chip">
                        {a}
                      </li>
                    ))}
                  </ul>
                ),
            },
            {
              key: 'created',
              header: 'Added',
              hideOnNarrow: true,
              render: (u) => <TimeAgo at={u.createdAt} />,
            },
            {
              key: 'actions',
              header: <span class="visually-hidden">Actions</span>,
              align: 'end',
              render: (u) =>
                u.name === me.name ? (
                  <span class="muted" title="Another admin can remove you">
                    you
                  </span>
                ) : (
                  <ConfirmButton
                    danger
                    question={`Remove ${u.name}? Their tokens and sessions stop working.`}
                    confirmLabel="Remove"
                    onConfirm={async () => {
                      await api.del(`/users/${encodeURIComponent(u.name)}`);
                      setNotice(`Removed ${u.name}.`);
                      users.reload();
                    }}
                  >
                    Remove<span class="visually-hidden"> {u.name}</span>
                  </ConfirmButton>
                ),
            },
          ]}
        />
      ) : users.loading ? (
        <Spinner label="Loading users…" />
      ) : null}
      <AddUserForm
        onAdded={(u) => {
          setNotice(`Added ${u.name} as ${u.role === 'admin' ? 'an' : 'a'} ${u.role}.`);
          users.reload();
        }}
      />
    </div>
  );
}
