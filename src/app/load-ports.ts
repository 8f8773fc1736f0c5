import type { PortSpec } from './app-spec.js';
import { composeError, describe } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import { parsePort, portNumber } from './parse-port.js';
import { checkKeys, readSeq } from './read-collection.js';
import { readEnum, readString } from './read-scalar.js';

const hint =
  'Write ports as "HOST:CONTAINER" (e.g. "8080:80"), "IP:HOST:CONTAINER/udp", "80" for an ephemeral host port, or { target: 80, published: 8080 }.';
const longKeys = ['target', 'published', 'host_ip', 'protocol'] as const;

export interface LoadedPort {
  port: PortSpec;
  node: ComposeNode;
}

/** `ports` in short (`"127.0.0.1:8080:80/udp"`, `80`) or long (`{target, published, host_ip, protocol}`) syntax. */
export function loadPorts(node: ComposeNode): LoadedPort[] {
  return readSeq(node, hint).items.map((item) => ({ port: loadPort(item), node: item }));
}

function loadPort(node: ComposeNode): PortSpec {
  if (node.kind === 'scalar' && (typeof node.value === 'string' || typeof node.value === 'number')) {
    const parsed = parsePort(node.value);
    if (!parsed.ok)
      throw composeError('BERTH_COMPOSE_INVALID', node, `${describe(node)}: ${parsed.reason}`, hint);
    return parsed.value;
  }
  if (node.kind !== 'map') {
    throw composeError('BERTH_COMPOSE_INVALID', node, `expected a port, got ${describe(node)}`, hint);
  }
  const fields = checkKeys(node, longKeys);
  const target = fields.get('target');
  if (target === undefined)
    throw composeError('BERTH_COMPOSE_INVALID', node, 'the port has no "target"', hint);
  const published = fields.get('published');
  const hostIp = fields.get('host_ip');
  const protocol = fields.get('protocol');
  return {
    ...(hostIp === undefined ? {} : { hostIp: readString(hostIp, hint) }),
    ...(published === undefined ? {} : { published: readPortNumber(published, 'host port') }),
    target: readPortNumber(target, 'container port'),
    protocol: protocol === undefined ? 'tcp' : readEnum(protocol, ['tcp', 'udp']),
  };
}

function readPortNumber(node: ComposeNode, what: string): number {
  const parsed = portNumber(readString(node, hint).trim(), what);
  if (!parsed.ok) throw composeError('BERTH_COMPOSE_INVALID', node, parsed.reason, hint);
  return parsed.value;
}
