import { readFileSync } from 'node:fs';
import { docker } from '../../test/support/docker-cli.js';

/** Containers on the engine that this bench did not create: other load skews the timings. */
export function foreignContainers(prefix: string): number {
  const names = docker('ps', '--format', '{{.Names}}').split('\n').filter(Boolean);
  return names.filter((n) => !n.startsWith(prefix)).length;
}

/** The 1-minute load average, to print next to timings. */
export const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
