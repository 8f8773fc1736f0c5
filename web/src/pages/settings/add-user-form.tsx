import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type Role } from '../../api';
import { parseAppList } from './settings-logic';
import type { User } from './types';
import { SettingsForm, useSubmission } from './parts/settings-form';

const roleHelp: Readonly<Record<Role, string>> = {
  viewer: 'reads everything it can see',
  deployer: 'also deploys, scales, rolls back, runs and approves pipelines, sets secrets',
  admin: 'also manages users, reads the audit log, deletes logs',
};

/** Adds a user: name, password (12+ characters, stored as a scrypt hash), role and optional apps. */
export function AddUserForm({ onAdded }: { onAdded: (user: User) => void }): JSX.Element {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [apps, setApps] = useState('');

  const submission = useSubmission(async () => {
    const scope = parseAppList(apps);
    const user = await api.post<User>('/users', {
      name: name.trim(),
      password,
      role,
      ...(scope ? { apps: scope } : {}),
    });
    setName('');
    setPassword('');
    setApps('');
    onAdded(user);
  });

  return (
    <SettingsForm
      id="add-user"
      title="Add a user"
      submitLabel="Add user"
      busyLabel="Adding the user…"
      submission={submission}
    >
      <div class="form-row">
        <div class="field">
          <label for="user-name">User name</label>
          <input
            id="user-name"
            value={name}
            required
            pattern="[a-z][a-z0-9._\-]{0,62}"
            autocomplete="off"
            spellcheck={false}
            aria-describedby="user-name-help"
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <p class="help" id="user-name-help">
            Lower-case letters, digits, “.”, “_” and “-”.
          </p>
        </div>
        <div class="field">
          <label for="user-password">Password</label>
          <input
            id="user-password"
            type="password"
            value={password}
            required
            minLength={12}
            autocomplete="new-password"
            aria-describedby="user-password-help"
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <p class="help" id="user-password-help">
            At least 12 characters. Give it to the user over a safe channel.
          </p>
        </div>
      </div>
      <div class="form-row">
        <div class="field">
          <label for="user-role">Role</label>
          <select
            id="user-role"
            value={role}
            aria-describedby="user-role-help"
            onChange={(e) => setRole(e.currentTarget.value as Role)}
          >
            <option value="viewer">viewer</option>
            <option value="deployer">deployer</option>
            <option value="admin">admin</option>
          </select>
          <p class="help" id="user-role-help">
            A {role} {roleHelp[role]}.
          </p>
        </div>
        <div class="field">
          <label for="user-apps">Limit to apps (optional)</label>
          <input
            id="user-apps"
            value={apps}
            autocomplete="off"
            spellcheck={false}
            placeholder="shop, blog"
            aria-describedby="user-apps-help"
            onInput={(e) => setApps(e.currentTarget.value)}
          />
          <p class="help" id="user-apps-help">
            Comma-separated. Empty: every app.
          </p>
        </div>
      </div>
    </SettingsForm>
  );
}
