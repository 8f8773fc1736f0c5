import { createServer } from 'node:net';
import type { AppSpec } from '../app/index.js';
import { BerthError } from '../errors/index.js';
import type { ManagedContainer } from '../engine/index.js';

function canBind(port: number, host: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(
      { port, host: host === undefined || host === '' ? '0.0.0.0' : host, exclusive: true },
      () => {
        server.close(() => resolve(true));
      },
    );
  });
}

/**
 * Refuses published TCP host ports that something else holds. Ports already published by the app's own
 * containers are fine: the release will take them over.
 */
export async function checkPorts(
  spec: AppSpec,
  own: readonly ManagedContainer[],
  ingressPorts: ReadonlySet<number>,
): Promise<void> {
  const ownPorts = new Set([...own.flatMap((c) => c.publishedPorts.map((p) => p.hostPort)), ...ingressPorts]);
  for (const service of Object.values(spec.services)) {
    for (const port of service.ports) {
      if (port.published === undefined || port.protocol !== 'tcp' || ownPorts.has(port.published)) continue;
      if (!(await canBind(port.published, port.hostIp))) {
        throw new BerthError(
          'BERTH_PORT_IN_USE',
          `services.${service.name}.ports: host port ${port.published} is already in use on ${port.hostIp || 'all interfaces'}`,
          {
            hint: `Stop whatever listens on ${port.published} (see \`ss -ltnp 'sport = :${port.published}'\`) or publish another port.`,
          },
        );
      }
    }
  }
}
