import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { CaddyAdmin } from './caddy-admin.js';
import { buildCaddyConfig, routeHandlers, structureKey } from './caddy-config.js';
import { ensureCaddy, findCaddy } from './caddy-process.js';
import type { IngressRoute } from './ingress-types.js';
import { BerthError } from '../errors/index.js';

export interface IngressOptions {
  /** Folder under BERTH_HOME for Caddy's files. */
  dir: string;
  adminListen: string;
  caddyBinary: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
}

/**
 * Berth's HTTP ingress: keeps a supervised Caddy's routes equal to the ready replicas of every
 * ingress service. Structural changes reload the config; upstream changes PATCH one route by `@id`.
 * Caddy is started only once some app needs it, and survives daemon restarts.
 */
export class Ingress {
  readonly #options: IngressOptions;
  readonly #admin: CaddyAdmin;
  readonly #routes = new Map<string, IngressRoute[]>();
  #applied: { structure: string; upstreams: Map<string, string> } | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: IngressOptions) {
    this.#options = options;
    this.#admin = new CaddyAdmin(options.adminListen);
  }

  get accessLogPath(): string {
    return join(this.#options.dir, 'access.log');
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

  /** Upstreams currently routed for an app's service. */
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
    const options = { adminListen: this.#options.adminListen, accessLogPath: this.accessLogPath };
    const config = buildCaddyConfig(all, options);
    const structure = structureKey(all);
    const upstreams = new Map(all.map((r) => [r.id, r.upstreams.join(',')]));
    if (this.#applied === undefined) {
      const how = await ensureCaddy(this.#admin, buildCaddyConfig([], options), {
        dir: this.#options.dir,
        binary: this.#options.caddyBinary,
        env: this.#options.env,
      });
      this.#options.logger.info({ admin: this.#options.adminListen, how }, 'ingress proxy ready');
    }
    if (this.#applied === undefined || this.#applied.structure !== structure) {
      await this.#admin.load(config);
      writeFileSync(join(this.#options.dir, 'caddy.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
      this.#options.logger.info({ routes: all.length }, 'ingress config loaded');
    } else {
      for (const route of all) {
        if (this.#applied.upstreams.get(route.id) === upstreams.get(route.id)) continue;
        await this.#admin.patchHandlers(route.id, routeHandlers(route));
        this.#options.logger.info(
          { route: route.id, upstreams: route.upstreams },
          'ingress upstreams updated',
        );
      }
      writeFileSync(join(this.#options.dir, 'caddy.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
    }
    this.#applied = { structure, upstreams };
  }
}
