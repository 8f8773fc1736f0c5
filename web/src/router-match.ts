/**
 * Pure path matching for the dashboard's router: patterns like `/apps/:app/pipelines/:run`, where a
 * `:name` segment matches one non-empty path segment (percent-decoded).
 */

/** The params of `pathname` under `pattern`, or undefined when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i] ?? '';
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}

/** The first route whose `path` matches, with its params. */
export function matchRoute<R extends { path: string }>(
  routes: readonly R[],
  pathname: string,
): { route: R; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return undefined;
}

/** Builds a path from a pattern: `pathFor('/apps/:app', { app: 'shop' })` is `/apps/shop`. */
export function pathFor(pattern: string, params: Record<string, string | number>): string {
  return pattern.replace(/:([A-Za-z_][\w]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathFor(${pattern}): missing param "${name}"`);
    return encodeURIComponent(String(value));
  });
}

/**
 * A query string with `patch` applied: null, undefined and '' remove a key, anything else sets it.
 * Keys keep their order; the answer has no leading `?` (empty when nothing is left).
 */
export function patchQuery(
  search: string,
  patch: Readonly<Record<string, string | number | boolean | null | undefined>>,
): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  return params.toString();
}
