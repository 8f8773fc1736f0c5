import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type SessionUser } from '../../api';
import { expiryChoices } from './settings-logic';
import type { CreatedToken } from './types';
import { SettingsForm, useSubmission } from './parts/settings-form';

/**
 * Creates an API token with a name and an expiry; admins may create one for another user (the admin
 * token is not a user, so it must name one). The token itself goes to `onCreated`, to be shown once.
 */
export function CreateTokenForm({
  me,
  users,
  onCreated,
}: {
  me: SessionUser;
  /** User names an admin may pick from (empty for others). */
  users: readonly string[];
  onCreated: (token: CreatedToken) => void;
}): JSX.Element {
  const isAdmin = me.role === 'admin';
  const isUser = me.name !== 'admin-token';
  const [name, setName] = useState('');
  const [days, setDays] = useState(90);
  const [owner, setOwner] = useState(isUser ? me.name : '');

  const submission = useSubmission(async () => {
    const token = await api.post<CreatedToken>('/tokens', {
      name: name.trim(),
      expiresInDays: days,
      ...(owner && owner !== me.name ? { user: owner } : {}),
    });
    setName('');
    onCreated(token);
  });

  return (
    <SettingsForm
      id="create-token"
      title="Create a token"
      submitLabel="Create token"
      busyLabel="Creating the token…"
      submission={submission}
    >
      <div class="form-row">
        <div class="field">
          <label for="token-name">Token name</label>
          <input
            id="token-name"
            value={name}
            required
            maxLength={64}
            autocomplete="off"
            placeholder="ci-deploy"
            aria-describedby="token-name-help"
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <p class="help" id="token-name-help">
            What it is for, so you know what to revoke later.
          </p>
        </div>
        <div class="field">
          <label for="token-expiry">Expires after</label>
          <select id="token-expiry" value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            {expiryChoices.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </div>
        {isAdmin ? (
          <div class="field">
            <label for="token-user">For user</label>
            <select
              id="token-user"
              value={owner}
              required
              aria-describedby="token-user-help"
              onChange={(e) => setOwner(e.currentTarget.value)}
            >
              {isUser ? null : <option value="">choose a user…</option>}
              {[...new Set([...(isUser ? [me.name] : []), ...users])].map((u) => (
                <option key={u} value={u}>
                  {u === me.name ? `${u} (you)` : u}
                </option>
              ))}
            </select>
            <p class="help" id="token-user-help">
              The token acts with that user’s role and apps.
            </p>
          </div>
        ) : null}
      </div>
    </SettingsForm>
  );
}
