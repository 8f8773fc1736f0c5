import type { ComponentChildren, ComponentType, JSX, TargetedMouseEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { patchQuery } from './router-match';

export { matchPath, matchRoute, pathFor, patchQuery } from './router-match';

/** What every page component gets: the `:name` segments of its route, decoded. */
export interface PageProps {
  params: Readonly<Record<string, string>>;
}

export type Page = ComponentType<PageProps>;

/** One row of the routes table (`routes.ts`): `load` imports the page's chunk on first visit. */
export interface Route {
  path: string;
  /** Shown in the tab title. */
  title: string;
  load: () => Promise<Page>;
}

export interface Location {
  path: string;
  /** Without the leading `?`. */
  search: string;
}

const listeners = new Set<() => void>();

function read(): Location {
  return { path: window.location.pathname, search: window.location.search.replace(/^\?/, '') };
}

let current = read();

function changed(): void {
  current = read();
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', changed);

/**
 * Goes to an in-app path (with optional `?query`) without reloading: pushes a history entry, or
 * replaces the current one with `replace` (for filter changes that should not fill the back button).
 */
export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  changed();
  if (!replace) window.scrollTo(0, 0);
}

/** The current path and query; re-renders the component when either changes. */
export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = (): void => setLocation(current);
    listeners.add(update);
    update();
    return () => void listeners.delete(update);
  }, []);
  return location;
}

/** The current query string as URLSearchParams, so filters and pages can live in the URL. */
export function useQuery(): URLSearchParams {
  return new URLSearchParams(useLocation().search);
}

/**
 * Changes some query parameters of the current URL (null, undefined or '' removes one), keeping the
 * others. Replaces the history entry unless `push` is set.
 *
 * @example
 * setQuery({ severity: 'high', page: null });
 */
export function setQuery(
  patch: Readonly<Record<string, string | number | boolean | null | undefined>>,
  { push = false }: { push?: boolean } = {},
): void {
  const search = patchQuery(current.search, patch);
  navigate(`${current.path}${search ? `?${search}` : ''}`, { replace: !push });
}

export interface LinkProps {
  href: string;
  children?: ComponentChildren;
  class?: string;
  id?: string;
  title?: string;
  target?: string;
  rel?: string;
  download?: string | boolean;
  'aria-label'?: string;
  'aria-current'?: 'page' | 'step' | 'location' | 'true' | 'false';
  onClick?: (event: TargetedMouseEvent<HTMLAnchorElement>) => void;
}

/**
 * An `<a>` that navigates inside the app; modified clicks (new tab, download) and other origins are
 * left to the browser. Marks itself `aria-current="page"` when it points at the current path.
 */
export function Link({ href, children, onClick, ...rest }: LinkProps): JSX.Element {
  const { path } = useLocation();
  const handle = (event: TargetedMouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target === '_blank' ||
      !href.startsWith('/')
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  const current = href.split('?')[0] === path ? { 'aria-current': 'page' as const } : {};
  return (
    <a href={href} onClick={handle} {...current} {...rest}>
      {children}
    </a>
  );
}
