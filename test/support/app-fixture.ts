import { afterAll, beforeAll } from 'vitest';
import { berth, freePort, removeHome, startDaemon, type CliResult, type Daemon } from './berth-process.js';
import { composeProject, type ComposeProject } from './compose-project.js';
import { purgeApp, uniqueApp } from './docker-cli.js';

/** What a test's Compose text is written from: the app's unique name and a free loopback port. */
export interface AppPlace {
  app: string;
  port: number;
}

/** A release as `berth releases --json` shows it (the fields the tests read). */
export interface ReleaseRow {
  number: number;
  status: string;
  reason: string;
  message: string | null;
}

/**
 * One app under test: a daemon with its own home, a project folder holding the app's compose.yaml and a
 * free port for it to publish. The getters answer the current daemon, which a test may restart.
 */
export interface AppFixture extends AppPlace {
  readonly daemon: Daemon;
  readonly project: ComposeProject;
  /** `http://127.0.0.1:<port><path>`: the app's published port. */
  url: (path?: string) => string;
  /** The real `berth` CLI against this daemon, with `env` added (e.g. VERSION for the Compose file). */
  berth: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  /** `berth up <args>` in the project folder, with `env` for the Compose file's `${...}`. */
  up: (env?: Record<string, string>, args?: string[]) => Promise<CliResult>;
  /** `berth releases <app> --json`, newest first. */
  releases: () => Promise<ReleaseRow[]>;
  /** Starts a daemon on the same home after the test stopped (or killed) the previous one. */
  startDaemonAgain: () => Promise<Daemon>;
}

/**
 * Registers the suite's `beforeAll` (free port, project folder from `compose`, daemon) and `afterAll`
 * (daemon stopped, everything the app left on the engine purged, folders and proxy removed).
 *
 * @example
 * const fx = appFixture('verify', ({ app, port }) => `name: ${app}\nservices: ...`);
 * it('deploys', async () => expect((await fx.up({ VERSION: 'v1' })).code).toBe(0));
 */
export function appFixture(prefix: string, compose: (place: AppPlace) => string): AppFixture {
  const app = uniqueApp(prefix);
  let port: number | undefined;
  let daemon: Daemon | undefined;
  let project: ComposeProject | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} of ${app} is set up in beforeAll`);
    return value;
  };

  beforeAll(async () => {
    port = await freePort();
    project = composeProject(compose({ app, port }));
    daemon = await startDaemon();
  });

  afterAll(async () => {
    await daemon?.stop();
    purgeApp(app);
    project?.remove();
    if (daemon) removeHome(daemon.home);
  });

  const fixture: AppFixture = {
    app,
    get port() {
      return started(port, 'port');
    },
    get daemon() {
      return started(daemon, 'daemon');
    },
    get project() {
      return started(project, 'project');
    },
    url: (path = '/') => `http://127.0.0.1:${fixture.port}${path}`,
    berth: (args, env = {}) => berth(args, { env: { ...fixture.daemon.env, ...env } }),
    up: (env = {}, args = []) =>
      berth(['up', ...args], { env: { ...fixture.daemon.env, ...env }, cwd: fixture.project.dir }),
    releases: async () => {
      const listed = await fixture.berth(['releases', app, '--json']);
      return (JSON.parse(listed.stdout) as { releases: ReleaseRow[] }).releases;
    },
    startDaemonAgain: async () => {
      daemon = await startDaemon({ home: fixture.daemon.home });
      return daemon;
    },
  };
  return fixture;
}
