import { createSocket, type Socket } from 'node:dgram';
import { readFileSync, statSync } from 'node:fs';
import { buildDnsAnswer, parseDnsQuery } from './dns-message.js';

/** The zone file Berth writes: host name -> IPv4 addresses of the ready replicas. */
export type Zone = Record<string, string[]>;

/**
 * A tiny authoritative DNS server for the ingress's dynamic upstreams. It re-reads the zone file when its
 * mtime changes, so Berth updates upstreams by rewriting one file, and it keeps answering from the last
 * zone while the Berth daemon is stopped.
 */
export function startDnsServer(options: { host: string; port: number; zoneFile: string }): Promise<Socket> {
  let zone: Zone = {};
  let loadedMtime = -1;
  const current = (): Zone => {
    try {
      const mtime = statSync(options.zoneFile).mtimeMs;
      if (mtime !== loadedMtime) {
        zone = JSON.parse(readFileSync(options.zoneFile, 'utf8')) as Zone;
        loadedMtime = mtime;
      }
    } catch {
      // keep the last good zone: a half-written or missing file must not drop traffic
    }
    return zone;
  };
  const socket = createSocket('udp4');
  socket.on('message', (packet, remote) => {
    const query = parseDnsQuery(packet);
    if (!query) return;
    socket.send(buildDnsAnswer(query, current()[query.name]), remote.port, remote.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => resolve(socket));
  });
}
