import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorBanner, Spinner } from './components';
import { matchRoute, useLocation, type Page, type Route } from './router';

const loaded = new Map<Route, Promise<Page>>();

function loadPage(route: Route): Promise<Page> {
  let page = loaded.get(route);
  if (!page) {
    page = route.load();
    // A failed chunk load (e.g. the dashboard was rebuilt meanwhile) is retried on the next visit.
    page.catch(() => loaded.delete(route));
    loaded.set(route, page);
  }
  return page;
}

/**
 * Renders the page the current path matches, loading its chunk on first visit. Sets the tab title
 * and, after in-app navigation, moves focus to `<main>` so screen readers start at the new page.
 */
export function RouteOutlet({ routes }: { routes: readonly Route[] }): JSX.Element {
  const { path } = useLocation();
  const match = matchRoute(routes, path);
  const [state, setState] = useState<{ route: Route; page: Page } | { route: Route; error: unknown }>();
  const [attempt, setAttempt] = useState(0);
  const firstRender = useRef(true);

  useEffect(() => {
    if (!match) return;
    let cancelled = false;
    document.title = `${match.route.title} · Berth`;
    loadPage(match.route).then(
      (page) => !cancelled && setState({ route: match.route, page }),
      (error: unknown) => !cancelled && setState({ route: match.route, error }),
    );
    if (!firstRender.current) document.getElementById('main')?.focus({ preventScroll: true });
    firstRender.current = false;
    return () => {
      cancelled = true;
    };
  }, [match?.route, attempt]);

  if (!match) {
    return (
      <section class="page">
        <h1>Page not found</h1>
        <p>
          Nothing lives at <code>{path}</code>. <a href="/">Go to the overview</a>.
        </p>
      </section>
    );
  }
  if (!state || state.route !== match.route) return <Spinner label="Loading page…" />;
  if ('error' in state) {
    return (
      <ErrorBanner
        title="This page could not be loaded"
        error={state.error}
        onRetry={() => setAttempt(attempt + 1)}
      />
    );
  }
  const PageComponent = state.page;
  return <PageComponent params={match.params} />;
}
