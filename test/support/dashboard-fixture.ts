import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { removeHome, startDaemon, type Daemon } from './berth-process.js';
import { openBrowser, type BrowserSession } from './browser.js';
import { purgeApp } from './docker-cli.js';
import { waitFor } from './wait-for.js';

/** A user the fixture creates through the API before the tests run. */
export interface DashboardUser {
  name: string;
  password: string;
  role: 'viewer' | 'deployer' | 'admin';
}

/** A daemon, its admin token and a headless browser for one dashboard test file. */
export interface DashboardFixture {
  readonly daemon: Daemon;
  /** The dashboard's address (the current daemon's URL). */
  readonly url: string;
  readonly adminToken: string;
  readonly browser: BrowserSession;
  /** An API call with the admin token: `/loki/...` paths as they are, the rest under `/api/v1`. */
  call: (method: string, path: string, body?: unknown) => Promise<Response>;
  /** The same call with another bearer token (a user's own API token). */
  callAs: (token: string, method: string, path: string, body?: unknown) => Promise<Response>;
  /** Deploys Compose text as `POST /apps` does for `berth up` from `projectDir`; expects 201. */
  deploy: (compose: string, projectDir: string) => Promise<void>;
  /** Waits until `GET /apps/<app>` answers converged. */
  waitForConverged: (app: string) => Promise<void>;
  /** Starts a daemon on the same home and port after the test stopped the previous one (the page reconnects). */
  startDaemonAgain: () => Promise<Daemon>;
}

/** Awaits `response` and expects `status`, showing the body when it differs; answers the response. */
export async function expectStatus(response: Promise<Response>, status: number): Promise<Response> {
  const answer = await response;
  expect(answer.status, await answer.clone().text()).toBe(status);
  return answer;
}

/**
 * Registers the file's `beforeAll` (daemon, admin token, `users`, browser) and `afterAll` (browser closed,
 * `apps` deleted through the API, daemon stopped, its home removed, whatever the apps left purged). A test's
 * own `beforeAll` runs after this one, with all of it ready.
 *
 * @example
 * const fx = dashboardFixture({ users: [{ name: 'ada', password: '…', role: 'admin' }], apps: [app] });
 * it('logs in', () => loginThroughForm(fx.browser.page, fx.url, 'ada', '…'));
 */
export function dashboardFixture(
  options: { users?: readonly DashboardUser[]; apps?: readonly string[] } = {},
): DashboardFixture {
  let daemon: Daemon | undefined;
  let adminToken: string | undefined;
  let browser: BrowserSession | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the dashboard fixture's ${what} is set up in beforeAll`);
    return value;
  };

  const fixture: DashboardFixture = {
    get daemon() {
      return ready(daemon, 'daemon');
    },
    get url() {
      return fixture.daemon.url;
    },
    get adminToken() {
      return ready(adminToken, 'admin token');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    call: (method, path, body) => fixture.callAs(fixture.adminToken, method, path, body),
    callAs: (token, method, path, body) =>
      fetch(`${fixture.url}${path.startsWith('/loki/') ? '' : '/api/v1'}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    deploy: async (compose, projectDir) => {
      const body = { composeFile: { path: `${projectDir}/compose.yaml`, content: compose }, projectDir };
      await expectStatus(fixture.call('POST', '/apps', body), 201);
    },
    waitForConverged: async (app) => {
      await waitFor(`${app} to converge`, async () => {
        const status = (await (await fixture.call('GET', `/apps/${app}`)).json()) as { converged: boolean };
        return status.converged;
      });
    },
    startDaemonAgain: async () => {
      const { home, url } = fixture.daemon;
      daemon = await startDaemon({ home, env: { BERTH_LISTEN: new URL(url).host } });
      return daemon;
    },
  };

  beforeAll(async () => {
    daemon = await startDaemon();
    adminToken = readFileSync(join(daemon.home, 'admin.token'), 'utf8').trim();
    for (const user of options.users ?? []) await expectStatus(fixture.call('POST', '/users', user), 201);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (daemon) {
      for (const app of options.apps ?? [])
        await fixture.call('DELETE', `/apps/${app}`).catch(() => undefined);
      await daemon.stop();
      removeHome(daemon.home);
    }
    for (const app of options.apps ?? []) purgeApp(app);
  });

  return fixture;
}
