import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { composeProject, type ComposeProject } from '../support/compose-project.js';
import { containersOf, uniqueApp } from '../support/docker-cli.js';
import { testImage } from '../support/test-image.js';

let daemon: Daemon;
const projects: ComposeProject[] = [];

beforeAll(async () => {
  daemon = await startDaemon();
});

afterAll(async () => {
  await daemon?.stop();
  for (const p of projects) p.remove();
  if (daemon) removeHome(daemon.home);
});

/** Runs `berth up` on `compose` and checks that nothing was recorded or created. */
async function upFails(compose: (app: string) => string, extra: Record<string, string> = {}) {
  const app = uniqueApp('bad');
  const project = composeProject(compose(app), extra);
  projects.push(project);
  const result = await berth(['up', '--timeout', '30'], { env: daemon.env, cwd: project.dir });
  const releases = await berth(['releases', app], { env: daemon.env });
  return { ...result, app, project, releasesAfter: releases, containersAfter: containersOf(app) };
}

const unchanged = (r: Awaited<ReturnType<typeof upFails>>): void => {
  expect(r.releasesAfter.stderr).toContain('BERTH_APP_NOT_FOUND');
  expect(r.containersAfter).toEqual([]);
};

describe('bad input gets a clear error and changes nothing', () => {
  it('invalid YAML names the file, line and column', async () => {
    const r = await upFails((app) => `name: ${app}\nservices:\n  web:\n    image: [unclosed\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/compose\.yaml:\d+:\d+: .*\[BERTH_COMPOSE_YAML\]/);
    unchanged(r);
  });

  it('an unsupported key names the file, line, column and key, with a hint', async () => {
    const r = await upFails(
      (app) =>
        `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    deploy:\n      placement:\n        constraints: []\n`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('compose.yaml:6:7: services.web.deploy.placement');
    expect(r.stderr).toContain('[BERTH_COMPOSE_UNSUPPORTED_KEY]');
    expect(r.stderr).toMatch(/hint: .*remove placement/);
    unchanged(r);
  });

  it('depends_on of an unknown service is refused', async () => {
    const r = await upFails(
      (app) => `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    depends_on: [dbb]\n`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[BERTH_COMPOSE_DEPENDENCY]');
    expect(r.stderr).toContain('dbb');
    unchanged(r);
  });

  it('a dependency cycle is refused and the cycle is shown', async () => {
    const r = await upFails(
      (app) =>
        `name: ${app}\nservices:\n  a:\n    image: ${testImage}\n    depends_on: [b]\n  b:\n    image: ${testImage}\n    depends_on: [c]\n  c:\n    image: ${testImage}\n    depends_on: [a]\n`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[BERTH_COMPOSE_DEPENDENCY]');
    expect(r.stderr).toMatch(/a -> b -> c -> a/);
    unchanged(r);
  });

  it('reservations larger than the host are refused with the numbers', async () => {
    const r = await upFails(
      (app) =>
        `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    command: [sleep, "1000"]\n    deploy:\n      replicas: 2\n      resources:\n        reservations: { cpus: "64", memory: 5000g }\n`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[BERTH_ADMISSION_RESOURCES]');
    expect(r.stderr).toMatch(/CPU: reservations total 128 CPU but the host has \d+ CPU free/);
    expect(r.stderr).toMatch(/memory: reservations total 10000\.00 GiB but the host has [\d.]+ GiB free/);
    unchanged(r);
  });

  it('a missing image that cannot be pulled is refused, naming the image', async () => {
    // A registry on a closed loopback port: the pull fails at once and no traffic leaves the machine.
    const r = await upFails(
      (app) => `name: ${app}\nservices:\n  web:\n    image: 127.0.0.1:9/berth-missing:1\n`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[BERTH_IMAGE_NOT_FOUND]');
    expect(r.stderr).toContain('127.0.0.1:9/berth-missing:1');
    unchanged(r);
  });

  it('an image absent locally with pull_policy never is refused without pulling', async () => {
    const r = await upFails(
      (app) => `name: ${app}\nservices:\n  web:\n    image: berth-test/absent:1\n    pull_policy: never\n`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"berth-test/absent:1" is not present locally (pull_policy: never)');
    unchanged(r);
  });

  describe('with a host port already taken', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('refuses the release and names the port', async () => {
      const r = await upFails(
        (app) =>
          `name: ${app}\nservices:\n  web:\n    image: ${testImage}\n    command: [sleep, "1000"]\n    ports: ["${port}:80"]\n`,
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`host port ${port} is already in use`);
      expect(r.stderr).toContain('[BERTH_PORT_IN_USE]');
      unchanged(r);
    });
  });

  it('usage errors exit with 2', async () => {
    expect((await berth(['up', '--bogus'], { env: daemon.env })).code).toBe(2);
    expect((await berth(['frobnicate'], { env: daemon.env })).code).toBe(2);
    expect((await berth(['scale', 'x', 'web=lots'], { env: daemon.env })).code).toBe(2);
    expect((await berth([], { env: daemon.env })).code).toBe(2);
  });
});

describe('an unreachable Docker Engine', () => {
  it('stops the daemon at start with a hint how to start Docker', async () => {
    const error = await startDaemon({ env: { DOCKER_HOST: 'unix:///tmp/berth-no-such-docker.sock' } }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('daemon exited with 1');
    expect(error?.message).toContain('BERTH_ENGINE_UNREACHABLE');
    expect(error?.message).toContain('scripts/start-docker.sh');
  });

  it('makes the CLI say the daemon is unreachable, with a hint', async () => {
    const r = await berth(['ps'], { env: { BERTH_URL: 'http://127.0.0.1:9', BERTH_TOKEN: 'x'.repeat(20) } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[BERTH_SERVER_UNREACHABLE]');
    expect(r.stderr).toContain('hint: Start it with `berth server`');
  });
});
