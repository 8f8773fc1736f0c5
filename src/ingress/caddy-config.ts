import type { IngressRoute } from './ingress-types.js';

const serverName = (listen: IngressRoute['listen']): string =>
  `berth_${(listen.hostIp ?? 'any').replace(/[^a-zA-Z0-9]/g, '_')}_${listen.port}`;
const listenAddress = (listen: IngressRoute['listen']): string =>
  `${listen.hostIp && listen.hostIp !== '0.0.0.0' ? (listen.hostIp.includes(':') ? `[${listen.hostIp}]` : listen.hostIp) : ''}:${listen.port}`;

export interface CaddyConfigOptions {
  adminListen: string;
  accessLogPath: string;
  /** The ingress DNS server Caddy asks for each route's replicas (`udp/127.0.0.1:PORT`). */
  dnsAddress: string;
  /** How often Caddy re-resolves a route's replicas. */
  refreshMs: number;
}

/** The DNS name whose A records are a route's ready replicas. */
export const upstreamName = (route: IngressRoute): string =>
  `${route.id.toLowerCase().replace(/_/g, '-')}.berth.internal`;

/**
 * The handler list of one route: a round-robin reverse proxy whose upstreams come from the ingress DNS
 * server (dynamic upstreams), so replicas change without reloading Caddy — a reload resets connections
 * under load (docs/decisions/0005). A dial failure is retried on another replica for up to 5 s; with no
 * ready replica Caddy answers 503.
 */
export function routeHandlers(
  route: IngressRoute,
  options: Pick<CaddyConfigOptions, 'dnsAddress' | 'refreshMs'>,
): object[] {
  return [
    {
      handler: 'reverse_proxy',
      dynamic_upstreams: {
        source: 'a',
        name: upstreamName(route),
        port: String(route.targetPort),
        refresh: `${options.refreshMs}ms`,
        resolver: { addresses: [`udp/${options.dnsAddress}`] },
      },
      load_balancing: {
        selection_policy: { policy: 'round_robin' },
        try_duration: '5s',
        try_interval: '100ms',
      },
      // Tells the access log which replica answered (read back for per-upstream counters).
      headers: { response: { set: { 'X-Berth-Upstream': ['{http.reverse_proxy.upstream.hostport}'] } } },
    },
  ];
}

/** The zone the DNS server serves: each route's name to its ready replicas' IPs. */
export function buildZone(routes: readonly IngressRoute[]): Record<string, string[]> {
  return Object.fromEntries(
    routes.map((r) => [upstreamName(r), r.upstreams.map((u) => u.split(':')[0] ?? u)]),
  );
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
      handle: routeHandlers(route, options),
      terminal: true,
    });
  }
  for (const server of Object.values(servers)) {
    // Only host-specific routes on this port: answer other hosts with a clear 404, not Caddy's empty 200.
    if (server.routes.every((r) => Object.hasOwn(r, 'match'))) {
      const notFound: object = {
        handle: [
          { handler: 'static_response', status_code: 404, body: 'no Berth app answers for this host\n' },
        ],
        terminal: true,
      };
      server.routes.push(notFound);
    }
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

/** The part of a config that needs a Caddy reload when it changes; upstreams change through DNS only. */
export function structureKey(routes: readonly IngressRoute[]): string {
  return JSON.stringify(
    [...routes]
      .map((r) => [r.id, r.listen.hostIp ?? '', r.listen.port, r.hosts, r.targetPort])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
}
