import type { PortSpec } from './app-spec.js';
import type { ParseResult } from './parse-result.js';

/**
 * Parses Compose's short port syntax `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` (Compose
 * Specification, `ports`), e.g. `"8080:80"`, `"127.0.0.1:8080:80/udp"`, `"[::1]:8080:80"`, `"80"`, `80`.
 * Ranges (`"8000-8010:8000-8010"`) are rejected: Berth tracks each published port on its own.
 *
 * @example
 * parsePort('127.0.0.1:8080:80/udp'); // { ok: true, value: { hostIp: '127.0.0.1', published: 8080, target: 80, protocol: 'udp' } }
 */
export function parsePort(value: string | number): ParseResult<PortSpec> {
  let text = String(value).trim();
  let protocol: PortSpec['protocol'] = 'tcp';
  const slash = text.lastIndexOf('/');
  if (slash !== -1) {
    const proto = text.slice(slash + 1);
    if (proto !== 'tcp' && proto !== 'udp') return fail(`protocol "${proto}" is not tcp or udp`);
    protocol = proto;
    text = text.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']:');
    if (close === -1) return fail('an IPv6 host address must look like [::1]:8080:80');
    hostIp = text.slice(1, close);
    text = text.slice(close + 2);
    if (!text.includes(':')) return fail('a host address needs a host port and a container port');
  }
  const parts = text.split(':');
  if (parts.length > 3 || (hostIp !== undefined && parts.length !== 2)) {
    return fail('expected [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]');
  }
  if (parts.length === 3) hostIp = parts.shift();
  if (hostIp === '') return fail('the host address is empty');
  const target = portNumber(parts.pop() ?? '', 'container port');
  if (!target.ok) return target;
  const host = parts.pop();
  let published: number | undefined;
  if (host !== undefined && host !== '') {
    const parsed = portNumber(host, 'host port');
    if (!parsed.ok) return parsed;
    published = parsed.value;
  }
  return {
    ok: true,
    value: {
      ...(hostIp === undefined ? {} : { hostIp }),
      ...(published === undefined ? {} : { published }),
      target: target.value,
      protocol,
    },
  };
}

/** One port number from 1 to 65535; ranges get their own explanation. */
export function portNumber(text: string, what: string): ParseResult<number> {
  if (/^\d+-\d+$/.test(text)) return fail(`${what} range "${text}" is not supported; list each port`);
  if (!/^\d+$/.test(text)) return fail(`${what} "${text}" is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65535) return fail(`${what} ${port} is outside 1-65535`);
  return { ok: true, value: port };
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
