import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { sourceBody } from './settings-logic';
import { forges, type PipelineSetupAnswer, type PipelineSource } from './types';
import { SettingsForm, useSubmission } from './parts/settings-form';

/**
 * Connects an app to its repository, or changes the connection: repository URL, branch, forge (for
 * webhooks) and, for commit statuses, the forge's API, repository and token (write-only; empty keeps
 * the stored one). The answer carries the webhook secret when one was created.
 */
export function PipelineSourceForm({
  app,
  source,
  onSaved,
}: {
  app: string;
  source: PipelineSource | null;
  onSaved: (answer: PipelineSetupAnswer) => void;
}): JSX.Element {
  const [repoUrl, setRepoUrl] = useState(source?.repoUrl ?? '');
  const [branch, setBranch] = useState(source?.branch ?? 'main');
  const [forge, setForge] = useState<string>(source?.forge ?? 'github');
  const [forgeApi, setForgeApi] = useState(source?.forgeApi ?? '');
  const [forgeRepo, setForgeRepo] = useState(source?.forgeRepo ?? '');
  const [forgeToken, setForgeToken] = useState('');

  const submission = useSubmission(async () => {
    const answer = await api.put<PipelineSetupAnswer>(
      `/apps/${encodeURIComponent(app)}/pipeline`,
      sourceBody(
        {
          repoUrl: repoUrl.trim(),
          branch: branch.trim() || 'main',
          forge: forge === '' ? null : (forge as PipelineSource['forge']),
          forgeApi: forgeApi.trim() || null,
          forgeRepo: forgeRepo.trim() || null,
          pollSeconds: source?.pollSeconds ?? null,
        },
        forgeToken ? { forgeToken } : {},
      ),
    );
    setForgeToken('');
    onSaved(answer);
  });

  const field = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    extra: Record<string, unknown> = {},
  ): JSX.Element => (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        value={value}
        autocomplete="off"
        spellcheck={false}
        onInput={(e) => set(e.currentTarget.value)}
        {...extra}
      />
    </div>
  );

  return (
    <SettingsForm
      id="source-form"
      title={source ? `Change the repository of ${app}` : `Connect ${app} to its repository`}
      submitLabel={source ? 'Save' : 'Connect'}
      busyLabel="Saving…"
      submission={submission}
    >
      <div class="form-row">
        {field('source-repo', 'Repository URL', repoUrl, setRepoUrl, {
          required: true,
          placeholder: 'https://github.com/acme/shop.git',
        })}
        {field('source-branch', 'Branch', branch, setBranch, { required: true })}
        <div class="field">
          <label for="source-forge">Forge (for webhooks)</label>
          <select id="source-forge" value={forge} onChange={(e) => setForge(e.currentTarget.value)}>
            {forges.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
            <option value="">none (manual runs only)</option>
          </select>
        </div>
      </div>
      <details class="advanced">
        <summary>Commit statuses (optional)</summary>
        <div class="form-row">
          {field('source-forge-api', 'Forge API', forgeApi, setForgeApi, {
            type: 'url',
            placeholder: 'https://api.github.com',
          })}
          {field('source-forge-repo', 'Repository on the forge', forgeRepo, setForgeRepo, {
            placeholder: 'acme/shop',
          })}
          {field('source-forge-token', 'Forge token', forgeToken, setForgeToken, {
            type: 'password',
            autocomplete: 'new-password',
            placeholder: source?.forgeTokenSet ? 'stored; leave empty to keep it' : '',
          })}
        </div>
      </details>
    </SettingsForm>
  );
}
