import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFixture } from '../support/app-fixture.js';
import { containersOf } from '../support/docker-cli.js';
import { testImage } from '../support/test-image.js';

const fx = appFixture(
  'daemon',
  ({ app }) => `
name: ${app}
services:
  api:
    image: ${testImage}
    command: ["sleep", "100000"]
    stop_grace_period: 1s
`,
);
const { app } = fx;

describe('berth server', () => {
  it('creates an admin token readable only by its owner, and the CLI finds it by itself', async () => {
    const mode = statSync(join(fx.daemon.home, 'admin.token')).mode & 0o777;
    expect(mode.toString(8)).toBe('600');
    const version = await fx.berth(['version', '--json']);
    expect(version.code).toBe(0);
    expect(JSON.parse(version.stdout)).toMatchObject({
      server: { berth: expect.any(String), engine: { apiVersion: expect.any(String) } },
    });
  });

  it('refuses API calls without the token', async () => {
    const res = await fetch(`${fx.daemon.url}/api/v1/apps`);
    expect(res.status).toBe(401);
    const wrong = await fx.berth(['ps'], { BERTH_TOKEN: 'not-the-token' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('BERTH_UNAUTHORIZED');
  });

  it('writes structured JSON logs', () => {
    const line = fx.daemon
      .output()
      .split('\n')
      .find((l) => l.startsWith('{'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 30, msg: expect.any(String) });
  });

  it('shuts down gracefully on SIGTERM, leaving the app running, and keeps its releases across restarts', async () => {
    const up = await fx.up();
    expect(up.code, up.stderr).toBe(0);
    const code = await fx.daemon.stop();
    expect(code).toBe(0);
    expect(fx.daemon.output()).toContain('"msg":"stopped"');
    expect(containersOf(app)).toHaveLength(1);

    await fx.startDaemonAgain();
    expect((await fx.releases()).map((r) => r.number)).toEqual([1]);
    expect(containersOf(app)).toHaveLength(1);
  });
});
