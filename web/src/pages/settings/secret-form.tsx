import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { minSecretLength, secretNamePattern } from './settings-logic';
import { SettingsForm, useSubmission } from './parts/settings-form';

/**
 * Sets or replaces a secret: the value is typed into a password field, sent once, and cleared; the
 * API never answers it back. `preset` fills the name (the "Replace" button of a row) and focuses the
 * value field.
 */
export function SecretForm({
  app,
  existing,
  preset,
  onSaved,
}: {
  app: string;
  existing: readonly string[];
  preset: { name: string; at: number } | undefined;
  onSaved: (name: string, replaced: boolean) => void;
}): JSX.Element {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const valueField = useRef<HTMLInputElement>(null);
  const replacing = existing.includes(name.trim());

  const submission = useSubmission(async () => {
    const secret = name.trim();
    await api.put(`/apps/${encodeURIComponent(app)}/secrets/${encodeURIComponent(secret)}`, { value });
    setName('');
    setValue('');
    onSaved(secret, replacing);
  });

  useEffect(() => {
    if (!preset) return;
    setName(preset.name);
    valueField.current?.focus();
  }, [preset]);
  useEffect(() => {
    setName('');
    setValue('');
    submission.clearError();
  }, [app]);

  return (
    <SettingsForm
      id="secret-form"
      title={`Set a secret of ${app}`}
      submitLabel={replacing ? 'Replace value' : 'Set secret'}
      busyLabel="Saving the secret…"
      submission={submission}
      autocomplete="off"
    >
      <div class="form-row">
        <div class="field">
          <label for="secret-name">Name</label>
          <input
            id="secret-name"
            class="mono"
            value={name}
            required
            maxLength={128}
            pattern={secretNamePattern}
            list="secret-names"
            autocomplete="off"
            spellcheck={false}
            placeholder="REGISTRY_PASSWORD"
            aria-describedby="secret-name-help"
            onInput={(e) => setName(e.currentTarget.value.toUpperCase())}
          />
          <datalist id="secret-names">
            {existing.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          <p class="help" id="secret-name-help">
            A–Z, 0–9 and _, not starting with a digit; steps read it with <code>from_secret</code>.
          </p>
        </div>
        <div class="field">
          <label for="secret-value">Value</label>
          <input
            ref={valueField}
            id="secret-value"
            type="password"
            value={value}
            required
            minLength={minSecretLength}
            autocomplete="new-password"
            spellcheck={false}
            aria-describedby="secret-value-help"
            onInput={(e) => setValue(e.currentTarget.value)}
          />
          <p class="help" id="secret-value-help">
            At least {minSecretLength} characters (shorter values cannot be masked in logs). Write-only: it is
            encrypted at once and never shown again.
          </p>
        </div>
      </div>
    </SettingsForm>
  );
}
