import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync, closeSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BerthError } from '../errors/index.js';
import type { CaddyAdmin } from './caddy-admin.js';

export interface CaddyProcessOptions {
  /** Folder for Caddy's config, log, pid and data (under BERTH_HOME). */
  dir: string;
  binary: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** Finds the caddy binary on PATH (or the explicit path given). */
export function findCaddy(
  binary: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (binary.includes('/')) return existsSync(binary) ? binary : undefined;
  for (const dir of (env['PATH'] ?? '/usr/bin:/bin').split(delimiter)) {
    const candidate = join(dir, binary);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Starts Caddy as its own process group so it outlives the Berth daemon: traffic keeps flowing while
 * Berth restarts (issue 3). A running Caddy answering on the admin address is adopted instead.
 */
export async function ensureCaddy(
  admin: CaddyAdmin,
  initialConfig: object,
  options: CaddyProcessOptions,
): Promise<'adopted' | 'started'> {
  if (await admin.alive()) return 'adopted';
  const binary = findCaddy(options.binary, options.env);
  if (!binary) {
    throw new BerthError('BERTH_INGRESS', `the ingress proxy "${options.binary}" is not installed`, {
      hint: 'Install Caddy (Debian: apt-get install caddy) or set BERTH_CADDY to its path.',
    });
  }
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const configPath = join(options.dir, 'caddy.json');
  writeFileSync(configPath, JSON.stringify(initialConfig, null, 2), { mode: 0o600 });
  const log = openSync(join(options.dir, 'caddy.log'), 'a', 0o600);
  const child = spawn(binary, ['run', '--config', configPath], {
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      PATH: options.env['PATH'] ?? '/usr/bin:/bin',
      HOME: options.dir,
      XDG_DATA_HOME: join(options.dir, 'data'),
      XDG_CONFIG_HOME: join(options.dir, 'config'),
    },
  });
  closeSync(log);
  child.unref();
  if (child.pid !== undefined) writeFileSync(join(options.dir, 'caddy.pid'), `${child.pid}\n`);
  for (let i = 0; i < 100; i++) {
    if (await admin.alive()) return 'started';
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new BerthError('BERTH_INGRESS', `Caddy did not start (exit code ${child.exitCode ?? 'none'})`, {
    hint: `See ${join(options.dir, 'caddy.log')}; another process may hold the admin address or a published port.`,
  });
}
