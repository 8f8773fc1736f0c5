import { describe, expect, it } from 'vitest';
import { parsePort } from './parse-port.js';

describe('parsePort', () => {
  it.each([
    ['80', { target: 80, protocol: 'tcp' }],
    [80, { target: 80, protocol: 'tcp' }],
    ['8080:80', { published: 8080, target: 80, protocol: 'tcp' }],
    ['53:53/udp', { published: 53, target: 53, protocol: 'udp' }],
    ['127.0.0.1:8080:80', { hostIp: '127.0.0.1', published: 8080, target: 80, protocol: 'tcp' }],
    ['127.0.0.1:8080:80/udp', { hostIp: '127.0.0.1', published: 8080, target: 80, protocol: 'udp' }],
    ['127.0.0.1::80', { hostIp: '127.0.0.1', target: 80, protocol: 'tcp' }],
    ['[::1]:8080:80', { hostIp: '::1', published: 8080, target: 80, protocol: 'tcp' }],
    ['80/tcp', { target: 80, protocol: 'tcp' }],
  ])('parses %j', (input, expected) => {
    expect(parsePort(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['8000-8010:8000-8010', 'range "8000-8010" is not supported'],
    ['3000-3005', 'range "3000-3005" is not supported'],
    ['80/sctp', 'protocol "sctp" is not tcp or udp'],
    ['http', 'container port "http" is not a number'],
    ['0', 'container port 0 is outside 1-65535'],
    ['70000:80', 'host port 70000 is outside 1-65535'],
    ['a:b:c:d', 'expected [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]'],
    ['[::1:80', 'IPv6'],
    [':8080:80', 'the host address is empty'],
  ])('rejects %j because %s', (input, reason) => {
    const result = parsePort(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
