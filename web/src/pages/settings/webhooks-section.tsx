import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, useAsync } from '../../api';
import { ConfirmButton, ErrorBanner, Spinner, TimeAgo } from '../../components';
import { can, useSession } from '../../session';
import { AppPicker, useSettingsApp } from './parts/app-picker';
import { CopyField } from './parts/copy-field';
import { RoleNote } from './parts/role-note';
import { ShownOnce } from './parts/shown-once';
import { PipelineSourceForm } from './pipeline-source-form';
import { forgeHelp, sourceBody, webhookUrl } from './settings-logic';
import type { PipelineSetupAnswer, PipelineSource } from './types';

/** The source, or null when the app has no pipeline source yet (the API answers 404 then). */
async function loadSource(app: string, signal: AbortSignal): Promise<PipelineSource | null> {
  try {
    return await api.get<PipelineSource>(`/apps/${encodeURIComponent(app)}/pipeline`, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * Webhooks per app: the URL to paste into the forge and its secret. The API returns the secret only
 * when it is created or rotated, so it is shown once, then; afterwards the page says it is set.
 */
export function WebhooksSection(): JSX.Element {
  const { user } = useSession();
  const { app, apps, loading, error } = useSettingsApp();
  const source = useAsync(
    async (signal) => ({ app, source: app === null ? null : await loadSource(app, signal) }),
    app ?? '',
  );
  const [secret, setSecret] = useState<{ app: string; value: string } | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  useEffect(() => setEditing(false), [app]);
  const mayChange = app !== null && can(user, 'deployer', app);
  const saved = (answer: PipelineSetupAnswer): void => {
    if (answer.webhookSecret) setSecret({ app: answer.app, value: answer.webhookSecret });
    setEditing(false);
    source.reload();
  };

  // While another app's answer is on its way, the previous app's source must not show under this name.
  const current = source.data?.app === app ? source.data.source : undefined;
  return (
    <div class="settings-section">
      <p class="help">
        A forge (GitHub, Gitea, Forgejo, GitLab) starts a pipeline run by calling the app’s webhook URL,
        signed with the webhook secret.
      </p>
      <AppPicker id="webhooks-app" app={app} apps={apps} />
      {secret && secret.app === app ? (
        <ShownOnce
          id="webhook-secret"
          title={`New webhook secret of ${app}`}
          label="Webhook secret"
          value={secret.value}
          onDone={() => setSecret(undefined)}
        >
          Paste it into the forge’s webhook settings now; the old secret no longer works.
        </ShownOnce>
      ) : null}
      {app === null ? (
        error ? (
          <ErrorBanner error={error} />
        ) : loading ? (
          <Spinner label="Loading apps…" />
        ) : (
          <p class="empty">No apps deployed yet: type an app name.</p>
        )
      ) : source.error ? (
        <ErrorBanner error={source.error} onRetry={source.reload} />
      ) : current === undefined ? (
        <Spinner label="Loading the pipeline source…" />
      ) : current === null ? (
        <>
          <p class="empty">
            {app} has no repository connected, so it has no webhook.{' '}
            {mayChange ? 'Connect it below' : 'A deployer can connect it'} (or with{' '}
            <code>berth pipeline setup {app} --repo URL --forge github</code>).
          </p>
          {mayChange ? (
            <PipelineSourceForm app={app} source={null} onSaved={saved} />
          ) : (
            <RoleNote
              what="Connecting a repository"
              need="deployer"
              role={user.role}
              {...(user.role !== 'viewer' ? { scoped: app } : {})}
            />
          )}
        </>
      ) : (
        <>
          <dl class="facts">
            <div>
              <dt>Repository</dt>
              <dd class="mono">{current.repoUrl}</dd>
            </div>
            <div>
              <dt>Branch</dt>
              <dd class="mono">{current.branch}</dd>
            </div>
            <div>
              <dt>Forge</dt>
              <dd>
                {current.forge ?? <span class="muted">none: no webhook, runs are started by hand</span>}
              </dd>
            </div>
            <div>
              <dt>Commit statuses</dt>
              <dd>
                {current.forgeTokenSet && current.forgeApi ? (
                  `on (${current.forgeRepo ?? 'repository from the URL'})`
                ) : (
                  <span class="muted">off</span>
                )}
              </dd>
            </div>
            <div>
              <dt>Changed</dt>
              <dd>
                <TimeAgo at={current.updatedAt} />
              </dd>
            </div>
          </dl>
          {current.forge && current.webhookPath ? (
            <section class="webhook" aria-labelledby="webhook-title">
              <h3 id="webhook-title">Webhook</h3>
              <CopyField
                id="webhook-url"
                label="Webhook URL"
                value={webhookUrl(window.location.origin, current.webhookPath)}
                help="The daemon’s address as this browser sees it: the forge must be able to reach it (use your public URL if a proxy sits in front)."
              />
              <p class="help">{forgeHelp[current.forge]}</p>
              <div class="field">
                <span class="field-label">Webhook secret</span>
                <p>
                  {current.webhookSecretSet
                    ? 'Set. Berth shows a webhook secret only when it is created or rotated; rotate it if it was lost.'
                    : 'Not set: save the repository with a forge to create one.'}
                </p>
              </div>
              {mayChange ? (
                <ConfirmButton
                  question="Rotate the secret? Webhook calls fail until the new one is pasted into the forge."
                  confirmLabel="Rotate"
                  onConfirm={async () =>
                    saved(
                      await api.put<PipelineSetupAnswer>(
                        `/apps/${encodeURIComponent(app)}/pipeline`,
                        sourceBody(current, { rotateWebhookSecret: true }),
                      ),
                    )
                  }
                >
                  Rotate webhook secret
                </ConfirmButton>
              ) : null}
            </section>
          ) : null}
          {mayChange ? (
            editing ? (
              <PipelineSourceForm app={app} source={current} onSaved={saved} />
            ) : (
              <div>
                <button type="button" class="button" onClick={() => setEditing(true)}>
                  Change repository…
                </button>
              </div>
            )
          ) : (
            <RoleNote
              what="Changing the repository or rotating the webhook secret"
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
