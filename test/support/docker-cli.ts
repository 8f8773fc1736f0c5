import { execFileSync } from 'node:child_process';

/** Runs the docker CLI (the engine tests observe, independently of Berth's own client). */
export const docker = (...args: string[]): string =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** Container ids of an app, all states. */
export const containersOf = (app: string): string[] =>
  docker('ps', '-aq', '--no-trunc', '--filter', `label=dev.berth.app=${app}`).split('\n').filter(Boolean);

/** Force-removes everything an app left on the engine (test cleanup). */
export function purgeApp(app: string): void {
  const ids = containersOf(app);
  if (ids.length > 0) docker('rm', '-f', ...ids);
  const nets = docker('network', 'ls', '-q', '--filter', `label=dev.berth.app=${app}`)
    .split('\n')
    .filter(Boolean);
  if (nets.length > 0) docker('network', 'rm', ...nets);
  const vols = docker('volume', 'ls', '-q', '--filter', `label=dev.berth.app=${app}`)
    .split('\n')
    .filter(Boolean);
  if (vols.length > 0) docker('volume', 'rm', '-f', ...vols);
}

export const uniqueApp = (prefix: string): string => `bt-${prefix}-${Math.random().toString(36).slice(2, 8)}`;
