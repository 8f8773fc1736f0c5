/** The main navigation, in order. */
export const navItems = [
  { href: '/', label: 'Overview' },
  { href: '/pipelines', label: 'Pipelines' },
  { href: '/security', label: 'Security' },
  { href: '/logs', label: 'Logs' },
  { href: '/metrics', label: 'Metrics' },
  { href: '/settings', label: 'Settings' },
] as const;

/**
 * The nav entry a path belongs to: an app's pages sit under Overview, its pipeline runs under
 * Pipelines.
 *
 * @example
 * activeSection('/apps/shop/pipelines/3') // '/pipelines'
 */
export function activeSection(path: string): string {
  if (/^\/apps\/[^/]+\/pipelines(\/|$)/.test(path)) return '/pipelines';
  if (path === '/' || path.startsWith('/apps/')) return '/';
  const item = navItems.find((i) => i.href !== '/' && (path === i.href || path.startsWith(`${i.href}/`)));
  return item?.href ?? '';
}
