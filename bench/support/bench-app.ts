import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { removeHome, startDaemon, type Daemon } from '../../test/support/berth-process.js';
import { composeProject, type ComposeProject } from '../../test/support/compose-project.js';
import type { Cleanup } from './run-bench.js';

/** Every app and container the benches create is named `bench-...`, so leftovers are easy to find. */
export const benchName = (what: string): string => `bench-${what}-${randomBytes(3).toString('hex')}`;

const engine = new Docker();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Force-removes an app's containers (four at a time, like Berth), then its networks and volumes.
 * Gentler than one `docker rm -f` of every id at once: on Docker 20.10 a burst of parallel removals once
 * left a network with a stale endpoint count that only a dockerd restart clears (moby/moby#42119), so the
 * network removal is also retried for a while.
 */
export async function purge(app: string): Promise<void> {
  const filters = { label: [`dev.berth.app=${app}`] };
  const containers = await engine.listContainers({ all: true, filters });
  for (let i = 0; i < containers.length; i += 4) {
    await Promise.all(
      containers.slice(i, i + 4).map((c) =>
        engine
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
  }
  for (const network of await engine.listNetworks({ filters })) {
    for (let attempt = 1; ; attempt++) {
      try {
        await engine.getNetwork(network.Id).remove();
        break;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) break;
        if (attempt >= 10) throw error;
        await sleep(1000);
      }
    }
  }
  const { Volumes } = await engine.listVolumes({ filters });
  for (const volume of Volumes ?? []) await engine.getVolume(volume.Name).remove({ force: true });
}

/** Apps deployed through each daemon, purged from the engine once that daemon has stopped. */
const appsOf = new WeakMap<Daemon, string[]>();

/**
 * The real daemon from dist/ with its own BERTH_HOME. Unlike the integration tests' fast timings, the
 * benches run Berth's defaults (resync 30 s, backoff 10 s..300 s, reset 10 min) unless `env` overrides
 * one, so the figures describe what users get. Cleanup stops it, then force-removes its apps' containers,
 * networks and volumes (quicker than `berth down`, which waits out grace periods).
 */
export async function benchDaemon(cleanup: Cleanup, env: Record<string, string> = {}): Promise<Daemon> {
  const daemon = await startDaemon({
    env: {
      BERTH_RESYNC_MS: '30000',
      BERTH_BACKOFF_INITIAL_MS: '10000',
      BERTH_BACKOFF_MAX_MS: '300000',
      BERTH_BACKOFF_RESET_MS: '600000',
      ...env,
    },
  });
  const apps: string[] = [];
  appsOf.set(daemon, apps);
  cleanup.add('remove daemon home', () => removeHome(daemon.home));
  cleanup.add('stop daemon and purge its apps', async () => {
    await daemon.stop();
    for (const app of apps) await purge(app);
  });
  return daemon;
}

/** A project folder holding `compose` for app `name`, deployed later through `daemon`. */
export function benchApp(cleanup: Cleanup, daemon: Daemon, name: string, compose: string): ComposeProject {
  appsOf.get(daemon)?.push(name);
  const project = composeProject(compose);
  cleanup.add(`remove project of ${name}`, () => project.remove());
  return project;
}
