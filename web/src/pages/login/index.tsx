import type { JSX, TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { login, loginWithToken, type SessionInfo } from '../../api';
import { ErrorBanner } from '../../components';

type Mode = 'password' | 'token';

/**
 * Logs in with a user name and password (a cookie session), or with an API token pasted in (kept for
 * this tab only). Shows the API's own message on failure, including throttling ("try again in 540 s").
 */
export function LoginPage({ onLoggedIn }: { onLoggedIn: (session: SessionInfo) => void }): JSX.Element {
  const [mode, setMode] = useState<Mode>('password');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onLoggedIn(mode === 'password' ? await login(name.trim(), password) : await loginWithToken(token));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login-screen">
      <div class="login-card">
        <div class="brand login-brand">
          <span class="brand-mark" aria-hidden="true" />
          Berth
        </div>
        <h1>Log in</h1>
        <form
          onSubmit={(e) => void submit(e)}
          class="form"
          aria-describedby={error ? 'login-error' : undefined}
        >
          {mode === 'password' ? (
            <>
              <div class="field">
                <label for="login-name">User name</label>
                <input
                  id="login-name"
                  name="username"
                  autocomplete="username"
                  autocapitalize="none"
                  spellcheck={false}
                  required
                  value={name}
                  onInput={(e) => setName(e.currentTarget.value)}
                />
              </div>
              <div class="field">
                <label for="login-password">Password</label>
                <input
                  id="login-password"
                  name="password"
                  type="password"
                  autocomplete="current-password"
                  required
                  value={password}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
              </div>
            </>
          ) : (
            <div class="field">
              <label for="login-token">API token</label>
              <input
                id="login-token"
                name="token"
                type="password"
                autocomplete="off"
                spellcheck={false}
                required
                class="mono"
                value={token}
                onInput={(e) => setToken(e.currentTarget.value)}
                aria-describedby="login-token-help"
              />
              <p id="login-token-help" class="help">
                Create one with <code>berth token create NAME</code> (or use the admin token in{' '}
                <code>$BERTH_HOME/admin.token</code>). It is kept in this tab only.
              </p>
            </div>
          )}
          {error !== undefined ? (
            <div id="login-error">
              <ErrorBanner error={error} />
            </div>
          ) : null}
          <button type="submit" class="button button-primary button-block" disabled={busy}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </form>
        <button
          type="button"
          class="button button-ghost button-block"
          onClick={() => {
            setMode(mode === 'password' ? 'token' : 'password');
            setError(undefined);
          }}
        >
          {mode === 'password' ? 'Use an API token instead' : 'Use a user name and password'}
        </button>
      </div>
    </main>
  );
}
