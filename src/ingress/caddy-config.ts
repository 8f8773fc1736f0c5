import type { IngressRoute } from './ingress-types.js';

export interface CaddyConfigOptions {
  adminListen: string;
  accessLogPath: string;
}

const serverName = (listen: IngressRoute['listen']): string =>
  `berth_${(listen.hostIp ?? 'any').replace(/[^a-zA-Z0-9]/g, '_')}_${listen.port}`;
const listenAddress = (listen: IngressRoute['listen']): string =>
  `${listen.hostIp && listen.hostIp !== '0.0.0.0' ? (listen.hostIp.includes(':') ? `[${listen.hostIp}]` : listen.hostIp) : ''}:${listen.port}`;

/**
 * The handler list of one route: a round-robin reverse proxy over the ready replicas, retrying another
 * upstream for up to 5 s when a dial fails (a replica that just went away), or a 503 when none is ready.
 */
export function routeHandlers(route: IngressRoute): object[] {
  if (route.upstreams.length === 0) {
    return [
      {
        handler: 'static_response',
        status_code: 503,
        headers: { 'Retry-After': ['1'], 'Content-Type': ['text/plain; charset=utf-8'] },
        body: `no ready replica of ${route.app}/${route.service}\n`,
      },
    ];
  }
  return [
    {
      handler: 'reverse_proxy',
      upstreams: route.upstreams.map((dial) => ({ dial })),
      load_balancing: {
        selection_policy: { policy: 'round_robin' },
        try_duration: '5s',
        try_interval: '100ms',
      },
      // Tells the access log which replica answered (read back for per-upstream counters).
      headers: {
        response: {
          set: {
            'X-Berth-Upstream': ['{http.reverse_proxy.upstream.hostport}'],
            // Every upstream change makes Caddy reload, which closes idle keep-alive connections; a client
            // that reuses one at that instant sees a reset. One request per connection avoids the race
            // (docs/decisions/0005-ingress-caddy.md).
            Connection: ['close'],
          },
        },
      },
    },
  ];
}

/**
 * The whole Caddy JSON config for a set of routes: one server per listen address, host-specific routes
 * before catch-all ones, every route addressable by `@id` for upstream PATCHes.
 */
export function buildCaddyConfig(routes: readonly IngressRoute[], options: CaddyConfigOptions): object {
  const servers: Record<
    string,
    { listen: string[]; routes: object[]; logs: object; automatic_https: object }
  > = {};
  const sorted = [...routes].sort(
    (a, b) => Number(a.hosts.length === 0) - Number(b.hosts.length === 0) || a.id.localeCompare(b.id),
  );
  for (const route of sorted) {
    const name = serverName(route.listen);
    servers[name] ??= {
      listen: [listenAddress(route.listen)],
      routes: [],
      logs: { default_logger_name: 'berth_access' },
      automatic_https: { disable: true },
    };
    servers[name].routes.push({
      '@id': route.id,
      ...(route.hosts.length === 0 ? {} : { match: [{ host: route.hosts }] }),
      handle: routeHandlers(route),
      terminal: true,
    });
  }
  return {
    admin: { listen: options.adminListen },
    logging: {
      logs: {
        default: { level: 'WARN', exclude: ['http.log.access.berth_access'] },
        berth_access: {
          writer: { output: 'file', filename: options.accessLogPath, roll_size_mb: 20, roll_keep: 2 },
          encoder: { format: 'json' },
          include: ['http.log.access.berth_access'],
        },
      },
    },
    apps: { http: { servers } },
  };
}

/** The part of a config that needs a full reload when it changes (everything but upstream lists). */
export function structureKey(routes: readonly IngressRoute[]): string {
  return JSON.stringify(
    [...routes]
      .map((r) => [r.id, r.listen.hostIp ?? '', r.listen.port, r.hosts, r.upstreams.length === 0])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
}
