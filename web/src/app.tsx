import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, loadSession, logout, onUnauthorized, type SessionUser } from './api';
import { ErrorBanner, Layout, Spinner } from './components';
import { LoginPage } from './pages/login';
import { RouteOutlet } from './route-outlet';
import { routes } from './routes';
import { SessionContext } from './session';

type Gate =
  | { state: 'checking' }
  | { state: 'login' }
  | { state: 'in'; user: SessionUser }
  | { state: 'error'; error: unknown };

/**
 * The auth gate and shell: asks the API who is logged in; a 401 (now or from any later call) shows the
 * login page, otherwise the layout with the current page.
 */
export function App(): JSX.Element {
  const [gate, setGate] = useState<Gate>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => onUnauthorized(() => setGate({ state: 'login' })), []);
  useEffect(() => {
    const abort = new AbortController();
    loadSession(abort.signal).then(
      (session) => setGate({ state: 'in', user: session.user }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setGate(
          error instanceof ApiError && error.status === 401 ? { state: 'login' } : { state: 'error', error },
        );
      },
    );
    return () => abort.abort();
  }, [attempt]);

  const doLogout = (): void => {
    void logout().finally(() => setGate({ state: 'login' }));
  };

  switch (gate.state) {
    case 'checking':
      return (
        <div class="center-screen">
          <Spinner label="Connecting to Berth…" />
        </div>
      );
    case 'error':
      return (
        <div class="center-screen">
          <ErrorBanner
            title="Berth cannot be reached"
            error={gate.error}
            onRetry={() => setAttempt(attempt + 1)}
          />
        </div>
      );
    case 'login':
      return <LoginPage onLoggedIn={(session) => setGate({ state: 'in', user: session.user })} />;
    case 'in':
      return (
        <SessionContext.Provider value={{ user: gate.user, logout: doLogout }}>
          <Layout user={gate.user} onLogout={doLogout}>
            <RouteOutlet routes={routes} />
          </Layout>
        </SessionContext.Provider>
      );
  }
}
