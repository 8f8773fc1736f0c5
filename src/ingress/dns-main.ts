#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startDnsServer } from './dns-server.js';

// Entry point of the detached ingress DNS process (started by Ingress, outlives the daemon).
const { values } = parseArgs({ options: { listen: { type: 'string' }, zone: { type: 'string' } } });
const match = /^(.+):(\d+)$/.exec(values.listen ?? '');
if (!match?.[1] || !match[2] || !values.zone) {
  process.stderr.write('usage: dns-main --listen 127.0.0.1:PORT --zone FILE\n');
  process.exit(2);
}
const socket = await startDnsServer({ host: match[1], port: Number(match[2]), zoneFile: values.zone });
process.on('SIGTERM', () => socket.close(() => process.exit(0)));
