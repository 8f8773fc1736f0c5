import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, useApi } from '../../api';
import { ConfirmButton, DataTable, ErrorBanner, Spinner, TimeAgo } from '../../components';
import { can, useSession } from '../../session';
import { AppPicker, useSettingsApp } from './parts/app-picker';
import { RoleNote } from './parts/role-note';
import { SecretForm } from './secret-form';
import type { SecretName } from './types';

/**
 * Pipeline secrets per app: names and update times only (values are write-only); deployers set,
 * replace and delete them.
 */
export function SecretsSection(): JSX.Element {
  const { user } = useSession();
  const { app, apps, loading, error } = useSettingsApp();
  const secrets = useApi<{ app: string; secrets: SecretName[] }>(
    app === null ? null : `/apps/${encodeURIComponent(app)}/secrets`,
  );
  const [notice, setNotice] = useState('');
  const [preset, setPreset] = useState<{ name: string; at: number } | undefined>(undefined);
  useEffect(() => setNotice(''), [app]);
  const mayChange = app !== null && can(user, 'deployer', app);
  const names = secrets.data?.secrets.map((s) => s.name) ?? [];

  return (
    <div class="settings-section">
      <p class="help">
        Values a pipeline’s steps use (<code>from_secret: NAME</code>), such as registry passwords. They are
        encrypted on the daemon, masked in logs, and never shown here or by the API.
      </p>
      <AppPicker id="secrets-app" app={app} apps={apps} />
      {app === null ? (
        error ? (
          <ErrorBanner error={error} />
        ) : loading ? (
          <Spinner label="Loading apps…" />
        ) : (
          <p class="empty">No apps deployed yet: type an app name to manage its secrets.</p>
        )
      ) : (
        <>
          {notice ? (
            <p class="banner banner-ok" role="status">
              {notice}
            </p>
          ) : null}
          {secrets.error ? <ErrorBanner error={secrets.error} onRetry={secrets.reload} /> : null}
          {secrets.data ? (
            <DataTable
              caption={`Secrets of ${app}`}
              showCaption
              rows={secrets.data.secrets}
              rowKey={(s) => s.name}
              pageParam="spage"
              empty={`${app} has no secrets yet.`}
              columns={[
                { key: 'name', header: 'Name', mono: true },
                { key: 'value', header: 'Value', render: () => <span class="muted">write-only</span> },
                { key: 'updated', header: 'Updated', render: (s) => <TimeAgo at={s.updatedAt} /> },
                ...(mayChange
                  ? [
                      {
                        key: 'actions',
                        header: <span class="visually-hidden">Actions</span>,
                        align: 'end' as const,
                        render: (s: SecretName) => (
                          <span class="row-actions">
                            <button
                              type="button"
                              class="button button-small"
                              onClick={() => setPreset({ name: s.name, at: Date.now() })}
                            >
                              Replace<span class="visually-hidden"> {s.name}</span>
                            </button>
                            <ConfirmButton
                              danger
                              question={`Delete ${s.name}? Steps that use it fail until it is set again.`}
                              confirmLabel="Delete"
                              onConfirm={async () => {
                                await api.del(
                                  `/apps/${encodeURIComponent(app)}/secrets/${encodeURIComponent(s.name)}`,
                                );
                                setNotice(`Deleted ${s.name}.`);
                                secrets.reload();
                              }}
                            >
                              Delete<span class="visually-hidden"> {s.name}</span>
                            </ConfirmButton>
                          </span>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          ) : secrets.loading ? (
            <Spinner label="Loading secrets…" />
          ) : null}
          {mayChange ? (
            <SecretForm
              app={app}
              existing={names}
              preset={preset}
              onSaved={(name, replaced) => {
                setNotice(
                  `${replaced ? 'Replaced' : 'Set'} ${name}. Its value is stored encrypted and will not be shown.`,
                );
                secrets.reload();
              }}
            />
          ) : (
            <RoleNote
              what="Setting and deleting secrets"
              need="deployer"
              role={user.role}
              {...(user.role !== 'viewer' ? { scoped: app } : {})}
            />
          )}
        </>
      )}
    </div>
  );
}
