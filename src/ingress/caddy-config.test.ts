import { describe, expect, it } from 'vitest';
import { buildCaddyConfig, buildZone, routeHandlers, structureKey, upstreamName } from './caddy-config.js';
import type { IngressRoute } from './ingress-types.js';

const route = (over: Partial<IngressRoute> = {}): IngressRoute => ({
  id: 'berth_shop_web_8080',
  app: 'shop',
  service: 'web',
  listen: { hostIp: undefined, port: 8080 },
  hosts: [],
  targetPort: 80,
  upstreams: ['172.18.0.2:80', '172.18.0.3:80'],
  ...over,
});
const options = {
  adminListen: '127.0.0.1:2119',
  accessLogPath: '/tmp/access.log',
  dnsAddress: '127.0.0.1:2153',
  refreshMs: 1000,
};

interface Server {
  listen: string[];
  routes: { '@id': string; match?: { host: string[] }[] }[];
}

describe('buildCaddyConfig', () => {
  it('puts routes on one server per listen address, host-specific routes first', () => {
    const config = buildCaddyConfig(
      [
        route(),
        route({ id: 'berth_shop_admin_8080', service: 'admin', hosts: ['admin.shop.test'] }),
        route({ id: 'berth_b_x_9090', listen: { hostIp: '127.0.0.1', port: 9090 } }),
      ],
      options,
    ) as { admin: { listen: string }; apps: { http: { servers: Record<string, Server> } } };
    expect(config.admin.listen).toBe('127.0.0.1:2119');
    const servers = Object.values(config.apps.http.servers);
    expect(servers.map((s) => s.listen)).toEqual([[':8080'], ['127.0.0.1:9090']]);
    expect(servers[0]?.routes.map((r) => r['@id'])).toEqual(['berth_shop_admin_8080', 'berth_shop_web_8080']);
    expect(servers[0]?.routes[0]?.match).toEqual([{ host: ['admin.shop.test'] }]);
  });

  it('proxies round-robin to replicas resolved from the ingress DNS server, retrying failed dials', () => {
    const [handler] = routeHandlers(route(), options) as [
      { handler: string; dynamic_upstreams: object; load_balancing: { try_duration: string } },
    ];
    expect(handler.handler).toBe('reverse_proxy');
    expect(handler.dynamic_upstreams).toEqual({
      source: 'a',
      name: 'berth-shop-web-8080.berth.internal',
      port: '80',
      refresh: '1000ms',
      resolver: { addresses: ['udp/127.0.0.1:2153'] },
    });
    expect(handler.load_balancing.try_duration).toBe('5s');
  });
});

describe('buildZone', () => {
  it('maps each route name to the IPs of its ready replicas', () => {
    expect(buildZone([route(), route({ id: 'berth_shop_api_9000', upstreams: [] })])).toEqual({
      'berth-shop-web-8080.berth.internal': ['172.18.0.2', '172.18.0.3'],
      'berth-shop-api-9000.berth.internal': [],
    });
    expect(upstreamName(route())).toBe('berth-shop-web-8080.berth.internal');
  });
});

describe('structureKey', () => {
  it('ignores which replicas a route has, so replica changes never reload the proxy', () => {
    expect(structureKey([route()])).toBe(structureKey([route({ upstreams: [] })]));
  });

  it('changes with hosts, ports and target ports', () => {
    const base = structureKey([route()]);
    expect(structureKey([route({ hosts: ['a.test'] })])).not.toBe(base);
    expect(structureKey([route({ listen: { hostIp: undefined, port: 8081 } })])).not.toBe(base);
    expect(structureKey([route({ targetPort: 81 })])).not.toBe(base);
  });
});

describe('host routing', () => {
  it('answers 404 for unknown hosts on a port that only has host-specific routes', () => {
    const config = buildCaddyConfig([route({ hosts: ['shop.test'] })], options) as {
      apps: {
        http: {
          servers: Record<string, { routes: { match?: unknown; handle: { status_code?: number }[] }[] }>;
        };
      };
    };
    const routes = Object.values(config.apps.http.servers)[0]?.routes ?? [];
    expect(routes).toHaveLength(2);
    expect(routes[1]?.match).toBeUndefined();
    expect(routes[1]?.handle[0]?.status_code).toBe(404);
  });
});
