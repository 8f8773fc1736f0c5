import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApi, type AppStatus } from '../../../api';
import { setQuery, useQuery } from '../../../router';

const appPattern = '[a-z0-9][a-z0-9_\\-]{0,62}';

/**
 * The app a per-app settings section shows: `?app=` in the URL, else the first deployed app. Apps
 * that are not deployed (yet) can be typed: secrets and pipelines are often set up before the first
 * deploy.
 */
export function useSettingsApp(): { app: string | null; apps: string[]; loading: boolean; error: unknown } {
  const query = useQuery();
  const state = useApi<{ apps: AppStatus[] }>('/apps');
  const apps = state.data?.apps.map((a) => a.app) ?? [];
  return {
    app: query.get('app') || apps[0] || null,
    apps,
    loading: state.loading && !state.data,
    error: state.error,
  };
}

/** Picks the app (suggesting deployed ones); Enter, leaving the field or "Show" applies it. */
export function AppPicker({
  id,
  app,
  apps,
}: {
  id: string;
  app: string | null;
  apps: readonly string[];
}): JSX.Element {
  const [text, setText] = useState(app ?? '');
  useEffect(() => setText(app ?? ''), [app]);
  const apply = (value: string, form: HTMLFormElement | null): void => {
    const name = value.trim();
    if (name !== '' && name !== app && (form?.checkValidity() ?? true)) setQuery({ app: name });
  };
  return (
    <form
      class="app-picker"
      onSubmit={(e) => {
        e.preventDefault();
        apply(text, e.currentTarget);
      }}
    >
      <div class="field">
        <label for={id}>App</label>
        <input
          id={id}
          list={`${id}-apps`}
          value={text}
          pattern={appPattern}
          required
          autocomplete="off"
          spellcheck={false}
          placeholder="app name"
          onInput={(e) => setText(e.currentTarget.value)}
          onChange={(e) => apply(e.currentTarget.value, e.currentTarget.form)}
        />
        <datalist id={`${id}-apps`}>
          {apps.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <button type="submit" class="button">
        Show
      </button>
    </form>
  );
}
