import { describe, expect, it } from 'vitest';
import { buildCaddyConfig, routeHandlers, structureKey } from './caddy-config.js';
import type { IngressRoute } from './ingress-types.js';

const route = (over: Partial<IngressRoute> = {}): IngressRoute => ({
  id: 'berth_shop_web_8080',
  app: 'shop',
  service: 'web',
  listen: { hostIp: undefined, port: 8080 },
  hosts: [],
  upstreams: ['172.18.0.2:80', '172.18.0.3:80'],
  ...over,
});
const options = { adminListen: '127.0.0.1:2119', accessLogPath: '/tmp/access.log' };

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

  it('proxies round-robin to the upstreams, retrying failed dials', () => {
    const [handler] = routeHandlers(route()) as [
      { handler: string; upstreams: { dial: string }[]; load_balancing: { try_duration: string } },
    ];
    expect(handler.handler).toBe('reverse_proxy');
    expect(handler.upstreams).toEqual([{ dial: '172.18.0.2:80' }, { dial: '172.18.0.3:80' }]);
    expect(handler.load_balancing.try_duration).toBe('5s');
  });

  it('answers 503 when no replica is ready', () => {
    expect(routeHandlers(route({ upstreams: [] }))).toEqual([
      expect.objectContaining({ handler: 'static_response', status_code: 503 }),
    ]);
  });
});

describe('structureKey', () => {
  it('ignores which upstreams a route has, so upstream changes are PATCHed, not reloaded', () => {
    expect(structureKey([route()])).toBe(structureKey([route({ upstreams: ['10.0.0.9:80'] })]));
  });

  it('changes with hosts, ports, and when a route goes from some upstreams to none', () => {
    const base = structureKey([route()]);
    expect(structureKey([route({ hosts: ['a.test'] })])).not.toBe(base);
    expect(structureKey([route({ listen: { hostIp: undefined, port: 8081 } })])).not.toBe(base);
    expect(structureKey([route({ upstreams: [] })])).not.toBe(base);
  });
});
