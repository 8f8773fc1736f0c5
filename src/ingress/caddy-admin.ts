import { BerthError } from '../errors/index.js';

/** A small client of Caddy's admin API (https://caddyserver.com/docs/api), on loopback only. */
export class CaddyAdmin {
  readonly #base: string;

  constructor(adminListen: string) {
    this.#base = `http://${adminListen}`;
  }

  async #request(method: string, path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new BerthError('BERTH_INGRESS', `the ingress proxy's admin API at ${this.#base} is unreachable`, {
        hint: 'Berth starts Caddy by itself; check that `caddy` is installed (apt-get install caddy) and see ingress/caddy.log under BERTH_HOME.',
        cause: error,
      });
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new BerthError(
        'BERTH_INGRESS',
        `${method} ${path} on the ingress proxy failed: HTTP ${response.status} ${text.trim()}`,
        {
          hint: 'See ingress/caddy.log under BERTH_HOME.',
        },
      );
    }
    return response;
  }

  async alive(): Promise<boolean> {
    try {
      const res = await fetch(`${this.#base}/config/`, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }

  /** Replaces the whole running config; Caddy swaps it in gracefully, keeping open connections. */
  async load(config: object): Promise<void> {
    await this.#request('POST', '/load', config);
  }
}
