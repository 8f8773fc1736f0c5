import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { BerthError } from '../errors/index.js';
import { buildDnsQuery } from './dns-message.js';

/** Whether a DNS server answers on `host:port` within 300 ms. */
export function dnsAlive(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const done = (alive: boolean): void => {
      clearTimeout(timer);
      socket.close();
      resolve(alive);
    };
    const timer = setTimeout(() => done(false), 300);
    socket.once('message', () => done(true));
    socket.once('error', () => done(false));
    socket.send(buildDnsQuery(1, 'alive.berth.internal'), port, host);
  });
}

/**
 * Starts the ingress DNS server (dist/ingress/dns-main.js) as a detached process, like Caddy, so the
 * proxy keeps resolving replicas while the daemon is down. A server already answering is adopted.
 */
export async function ensureDnsServer(options: {
  dir: string;
  host: string;
  port: number;
  zoneFile: string;
}): Promise<'adopted' | 'started'> {
  if (await dnsAlive(options.host, options.port)) return 'adopted';
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const log = openSync(join(options.dir, 'dns.log'), 'a', 0o600);
  const main = fileURLToPath(new URL('./dns-main.js', import.meta.url));
  const child = spawn(
    process.execPath,
    [main, '--listen', `${options.host}:${options.port}`, '--zone', options.zoneFile],
    {
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  child.unref();
  if (child.pid !== undefined) writeFileSync(join(options.dir, 'dns.pid'), `${child.pid}\n`);
  for (let i = 0; i < 50; i++) {
    if (await dnsAlive(options.host, options.port)) return 'started';
    if (child.exitCode !== null) break;
  }
  throw new BerthError(
    'BERTH_INGRESS',
    `the ingress DNS server did not start on ${options.host}:${options.port}`,
    {
      hint: `See ${join(options.dir, 'dns.log')}; another process may hold the port (BERTH_INGRESS_DNS).`,
    },
  );
}
