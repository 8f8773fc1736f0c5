import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cliPath = resolve(import.meta.dirname, '../../dist/cli/main.js');

/** Short timings so crash loops and resyncs happen within a test's patience. */
export const fastTimings = {
  BERTH_BACKOFF_INITIAL_MS: '1000',
  BERTH_BACKOFF_MAX_MS: '4000',
  BERTH_BACKOFF_RESET_MS: '20000',
  BERTH_RESYNC_MS: '3000',
  BERTH_METRICS_EVERY_MS: '2000',
};

export interface Daemon {
  url: string;
  home: string;
  env: Record<string, string>;
  process: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit (graceful), or SIGKILL when `kill` is set. */
  stop: (options?: { kill?: boolean }) => Promise<number | null>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

const ingressAdmins = new Map<string, string>();
const ingressDnsPorts = new Map<string, string>();

/** Starts `berth server` from dist/ on a free loopback port with its own BERTH_HOME. */
export async function startDaemon(
  options: { home?: string; env?: Record<string, string> } = {},
): Promise<Daemon> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'berth-home-'));
  // Each test daemon gets its own proxy admin port, kept across restarts of the same home.
  const ingressAdmin = ingressAdmins.get(home) ?? `127.0.0.1:${await freePort()}`;
  ingressAdmins.set(home, ingressAdmin);
  const ingressDns = ingressDnsPorts.get(home) ?? `127.0.0.1:${await freePort()}`;
  ingressDnsPorts.set(home, ingressDns);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...fastTimings,
    BERTH_HOME: home,
    BERTH_LISTEN: '127.0.0.1:0',
    BERTH_LOG_LEVEL: 'info',
    BERTH_INGRESS_ADMIN: ingressAdmin,
    BERTH_INGRESS_DNS: ingressDns,
    ...options.env,
  };
  const child = spawn(process.execPath, [cliPath, 'server'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`daemon did not start:\n${output}`)), 20_000);
    const check = (): void => {
      const match = /Berth is running at (http:\/\/[^\s]+?) \(/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stderr.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    url,
    home,
    env: { BERTH_URL: url, BERTH_HOME: home },
    process: child,
    output: () => output,
    stop: async ({ kill } = {}) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(kill ? 'SIGKILL' : 'SIGTERM');
      return exited;
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `berth` CLI as a user would. */
export function berth(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number; input?: string } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: { ...(process.env as Record<string, string>), ...options.env },
      cwd: options.cwd ?? process.cwd(),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Stops the proxy a test daemon started (it outlives the daemon by design) and deletes the home. */
export function removeHome(home: string): void {
  for (const name of ['caddy.pid', 'dns.pid']) {
    const pidFile = join(home, 'ingress', name);
    if (!existsSync(pidFile)) continue;
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(home, { recursive: true, force: true });
}
