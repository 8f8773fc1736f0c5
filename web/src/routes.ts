import type { Route } from './router';

/**
 * Every page of the dashboard, each its own chunk loaded on first visit (so the first load carries only
 * the shell and the page it opens). The first match wins. Pages live in `pages/<name>/index.tsx` and
 * export `<Name>Page({ params })`.
 */
export const routes: readonly Route[] = [
  { path: '/', title: 'Overview', load: () => import('./pages/overview').then((m) => m.OverviewPage) },
  { path: '/apps/:app', title: 'App', load: () => import('./pages/app').then((m) => m.AppPage) },
  { path: '/deploy', title: 'Deploy', load: () => import('./pages/deploy').then((m) => m.DeployPage) },
  {
    path: '/pipelines',
    title: 'Pipelines',
    load: () => import('./pages/pipelines').then((m) => m.PipelinesPage),
  },
  {
    path: '/apps/:app/pipelines',
    title: 'Pipelines',
    load: () => import('./pages/pipelines').then((m) => m.PipelinesPage),
  },
  {
    path: '/apps/:app/pipelines/:run',
    title: 'Pipeline run',
    load: () => import('./pages/pipelines').then((m) => m.PipelinesPage),
  },
  {
    path: '/security',
    title: 'Security',
    load: () => import('./pages/security').then((m) => m.SecurityPage),
  },
  { path: '/logs', title: 'Logs', load: () => import('./pages/logs').then((m) => m.LogsPage) },
  { path: '/metrics', title: 'Metrics', load: () => import('./pages/metrics').then((m) => m.MetricsPage) },
  {
    path: '/settings',
    title: 'Settings',
    load: () => import('./pages/settings').then((m) => m.SettingsPage),
  },
];
