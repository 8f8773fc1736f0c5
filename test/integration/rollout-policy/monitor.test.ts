import { describe, expect, it } from 'vitest';
import { appFixture } from '../../support/app-fixture.js';
import { containersOf, docker } from '../../support/docker-cli.js';
import { testImage } from '../../support/test-image.js';

// No probes: a replica is ready once it has run 0.5 s. Version 2 exits 3 s after it starts, long after
// it was counted ready, so only update_config.monitor (5 s by default) can tell the update failed.
const fx = appFixture(
  'monitor',
  ({ app }) => `
name: ${app}
services:
  worker:
    image: ${testImage}
    command: ["sh", "-c", "if test \\"$$VERSION\\" = v2; then sleep 3; exit 1; fi; exec sleep 3600"]
    environment: { VERSION: "\${VERSION:-v1}" }
    stop_grace_period: 1s
`,
);
const { app } = fx;
const up = (version: string) => fx.up({ VERSION: version }, ['--timeout', '60']);

describe('update_config.monitor', () => {
  it('rolls back an update whose replica crashes a few seconds after becoming ready', async () => {
    const first = await up('v1');
    expect(first.code, first.stderr + fx.daemon.output()).toBe(0);
    const second = await up('v2');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`release 2 of "${app}" was rolled back`);
    expect(second.stderr).toMatch(
      /update failed: 1 of 1 replacement replicas of worker failed \(max_failure_ratio 0, failure_action: rollback\): \S+-worker-1-\S+ exited with code 1 [\d.]+ s after becoming ready \(monitor 5\.0 s\)/,
    );
    const releases = await fx.releases();
    expect(releases.map((r) => [r.number, r.status])).toEqual([
      [3, expect.stringMatching(/pending|active/)],
      [2, 'rolled-back'],
      [1, 'superseded'],
    ]);
    expect(releases[0]?.reason).toMatch(/^rollback to 1: release 2 update failed/);
    // Release 2 was never active: the monitor window held its promotion until the crash.
    const events = (await fx.berth(['events', app, '--limit', '200'])).stdout;
    expect(events).not.toMatch(/release 2 is ready/);
    // The rollback brings v1 back.
    await expect
      .poll(
        () =>
          containersOf(app).map((id) =>
            docker('inspect', '-f', '{{.State.Status}} {{index .Config.Labels "dev.berth.release"}}', id),
          ),
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(['running 3']);
  });
});
