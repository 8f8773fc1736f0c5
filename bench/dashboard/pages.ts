/** An element that must be in the page (and laid out) before the page counts as shown. */
export interface Target {
  selector: string;
  /** Text the element must contain, when its mere presence is not enough. */
  text?: string;
}

/** One dashboard page as the bench opens it: where, and what "its main content is visible" means. */
export interface BenchPage {
  name: string;
  path: string;
  /** Needs a logged-in session (every page but the login form). */
  session: boolean;
  /** The page's h1, and its first element that shows data from the API (not a spinner). */
  targets: [heading: Target, data: Target];
}

/**
 * The pages of docs/dashboard.md with one selector for the heading and one for the first data element.
 * Each page's `data-testid` section appears with its heading; the data selector only matches once the
 * page's API answer is rendered (a table row, a chart, the app chips), so the time covers data too.
 * Selectors follow web/src/pages/<name>/ at the time of writing.
 */
export function benchPages(app: string): BenchPage[] {
  return [
    {
      name: 'login',
      path: '/',
      session: false,
      targets: [{ selector: '.login-screen h1' }, { selector: '#login-name' }],
    },
    {
      name: 'overview',
      path: '/',
      session: true,
      targets: [
        { selector: '[data-testid="overview"] h1' },
        { selector: `[data-testid="overview"] table a[href="/apps/${app}"]` },
      ],
    },
    {
      name: 'app',
      path: `/apps/${app}`,
      session: true,
      targets: [
        { selector: '[data-testid="app-page"] h1' },
        { selector: '[data-testid="app-page"] .services-section table tbody tr' },
      ],
    },
    {
      name: 'pipelines',
      path: '/pipelines',
      session: true,
      targets: [
        { selector: '[data-testid="pipelines"] h1' },
        { selector: '[data-testid="pipelines"] table tbody tr' },
      ],
    },
    {
      name: 'security',
      path: '/security',
      session: true,
      targets: [
        { selector: '[data-testid="security"] h1' },
        { selector: '[data-testid="security"] table a[aria-label^="Report of"]' },
      ],
    },
    {
      name: 'logs',
      path: '/logs',
      session: true,
      // Without a query the page lists one starter query per app that has lines (the labels API).
      targets: [{ selector: '.logs-page h1' }, { selector: '.logs-start .chips button', text: app }],
    },
    {
      name: 'metrics',
      path: `/metrics?app=${app}`,
      session: true,
      targets: [
        { selector: '[data-testid="metrics"] h1' },
        { selector: '[data-testid="metrics"] [data-metric] canvas' },
      ],
    },
    {
      name: 'settings',
      path: '/settings',
      session: true,
      targets: [
        { selector: '[data-testid="settings"] h1' },
        { selector: '[data-testid="settings"] table tbody tr' },
      ],
    },
  ];
}
