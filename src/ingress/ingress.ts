import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { BerthError } from '../errors/index.js';
import { AccessLogReader } from './access-log.js';
import { CaddyAdmin } from './caddy-admin.js';
import { buildCaddyConfig, buildZone, structureKey, type CaddyConfigOptions } from './caddy-config.js';
import { ensureCaddy, findCaddy } from './caddy-process.js';
import { dnsAlive, ensureDnsServer } from './dns-process.js';
import type { IngressRoute } from './ingress-types.js';

export interface IngressOptions {
  /** Folder under BERTH_HOME for Caddy's and the DNS server's files. */
  dir: string;
  adminListen: string;
  /** host:port of the ingress DNS server (loopback). */
  dnsListen: string;
  caddyBinary: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
}

/** How often Caddy re-resolves replicas; removals wait this long on top of the drain time. */
export const upstreamRefreshMs = 1000;

/**
 * Berth's HTTP ingress: a supervised Caddy whose routes resolve their replicas through a small DNS
 * server that Berth feeds from a zone file. Replica changes rewrite the zone (no proxy reload, no
 * dropped connections); only new routes, hosts or ports reload Caddy's config. Both processes are
 * started when an app first needs them and survive daemon restarts.
 */
export class Ingress {
  readonly #options: IngressOptions;
  readonly #admin: CaddyAdmin;
  readonly #routes = new Map<string, IngressRoute[]>();
  #applied: { structure: string; zone: string } | undefined;
  #queue: Promise<void> = Promise.resolve();

  /** Replicas the proxy routed before this daemon started (from the zone file it left behind). */
  readonly #inherited: Set<string>;
  #checkedAt = 0;
  /** The proxy's access log, followed for rollout verification. */
  readonly traffic: AccessLogReader;

  constructor(options: IngressOptions) {
    this.#options = options;
    this.#admin = new CaddyAdmin(options.adminListen);
    this.#inherited = readInheritedIps(join(options.dir, 'zone.json'));
    this.traffic = new AccessLogReader(join(options.dir, 'access.log'));
  }

  /**
   * Whether this replica IP was routed when the previous daemon stopped. A restarted daemon keeps such
   * replicas in the proxy until their first probe says otherwise, instead of dropping traffic to 503s
   * while the probes warm up (Kubernetes endpoints survive a kubelet restart the same way).
   */
  wasRouted(ip: string): boolean {
    return this.#inherited.has(ip);
  }

  get accessLogPath(): string {
    return join(this.#options.dir, 'access.log');
  }

  get #zoneFile(): string {
    return join(this.#options.dir, 'zone.json');
  }

  get #configOptions(): CaddyConfigOptions {
    return {
      adminListen: this.#options.adminListen,
      accessLogPath: this.accessLogPath,
      dnsAddress: this.#options.dnsListen,
      refreshMs: upstreamRefreshMs,
    };
  }

  /** Refuses early (at deploy) when an app needs the ingress and Caddy is neither running nor installed. */
  async checkAvailable(): Promise<void> {
    if (findCaddy(this.#options.caddyBinary, this.#options.env) || (await this.#admin.alive())) return;
    throw new BerthError(
      'BERTH_INGRESS',
      `the ingress proxy "${this.#options.caddyBinary}" is not installed`,
      {
        hint: 'Install Caddy (Debian: apt-get install caddy) or set BERTH_CADDY to its path.',
      },
    );
  }

  /** The published ports the ingress serves for an app (their host ports are held by Caddy). */
  portsOf(app: string): Set<number> {
    return new Set((this.#routes.get(app) ?? []).map((r) => r.listen.port));
  }

  /** Upstreams currently routed for an app. */
  upstreamsOf(app: string): Set<string> {
    return new Set((this.#routes.get(app) ?? []).flatMap((r) => r.upstreams));
  }

  /** Sets an app's routes and applies all routes; calls are serialised. */
  setApp(app: string, routes: IngressRoute[]): Promise<void> {
    if (routes.length === 0) this.#routes.delete(app);
    else this.#routes.set(app, routes);
    const run = this.#queue.then(() => this.#apply());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply(): Promise<void> {
    const all = [...this.#routes.values()].flat();
    if (all.length === 0 && this.#applied === undefined) return;
    const zone = JSON.stringify(buildZone(all));
    const structure = structureKey(all);
    if (this.#applied === undefined) await this.#start();
    else if (Date.now() - this.#checkedAt > 5000) {
      this.#checkedAt = Date.now();
      // Caddy or the DNS server may have died while the daemon runs: bring them back with the full config.
      const [host, port] = splitHostPort(this.#options.dnsListen);
      if (!(await this.#admin.alive()) || !(await dnsAlive(host, port))) {
        this.#options.logger.warn('ingress process gone; restarting it');
        this.#applied = undefined;
        await this.#start();
      }
    }
    if (this.#applied?.zone !== zone) {
      // Atomic replace: the DNS server never reads a half-written zone.
      writeFileSync(`${this.#zoneFile}.tmp`, zone, { mode: 0o600 });
      renameSync(`${this.#zoneFile}.tmp`, this.#zoneFile);
    }
    if (this.#applied?.structure !== structure) {
      const config = buildCaddyConfig(all, this.#configOptions);
      await this.#admin.load(config);
      writeFileSync(join(this.#options.dir, 'caddy.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
      this.#options.logger.info({ routes: all.length }, 'ingress routes loaded');
    }
    this.#applied = { structure, zone };
  }

  async #start(): Promise<void> {
    const [host, port] = splitHostPort(this.#options.dnsListen);
    mkdirSync(this.#options.dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.#zoneFile, JSON.stringify(buildZone([...this.#routes.values()].flat())), {
      mode: 0o600,
      flag: 'w',
    });
    const dns = await ensureDnsServer({ dir: this.#options.dir, host, port, zoneFile: this.#zoneFile });
    const caddy = await ensureCaddy(this.#admin, buildCaddyConfig([], this.#configOptions), {
      dir: this.#options.dir,
      binary: this.#options.caddyBinary,
      env: this.#options.env,
    });
    this.#options.logger.info(
      { admin: this.#options.adminListen, dns: this.#options.dnsListen, caddy, dnsServer: dns },
      'ingress ready',
    );
  }
}

function splitHostPort(value: string): [string, number] {
  const match = /^(.+):(\d+)$/.exec(value);
  return [match?.[1] ?? '127.0.0.1', Number(match?.[2] ?? 0)];
}

function readInheritedIps(zoneFile: string): Set<string> {
  try {
    const zone = JSON.parse(readFileSync(zoneFile, 'utf8')) as Record<string, string[]>;
    return new Set(Object.values(zone).flat());
  } catch {
    return new Set();
  }
}
