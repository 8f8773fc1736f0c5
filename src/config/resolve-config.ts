import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { BerthError } from '../errors/index.js';

/** Settings a user can give by flag or environment variable. */
export interface UserConfig {
  home?: string;
  listen?: string;
  dockerHost?: string;
  logLevel?: string;
  resyncMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  backoffResetMs?: number;
  ingressAdmin?: string;
  ingressDns?: string;
  caddy?: string;
  metricsEveryMs?: number;
  retention?: string;
  logsMaxBytes?: string;
  logsExport?: string;
  capacityCpus?: string;
  capacityMemory?: string;
}

/** The frozen, fully-resolved configuration passed down from the entry point. */
export interface ResolvedConfig {
  readonly home: string;
  readonly host: string;
  readonly port: number;
  /** Docker Engine address: a unix socket path or tcp://host:port. */
  readonly dockerHost: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Full resync period of the reconciler. */
  readonly resyncMs: number;
  /** CrashLoopBackOff: first delay (after the immediate first restart), cap, and reset-after-running time. */
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  readonly backoffResetMs: number;
  /** Loopback address of the ingress proxy's (Caddy's) admin API. */
  readonly ingressAdmin: string;
  /** Loopback address of the ingress DNS server that tells the proxy where the ready replicas are. */
  readonly ingressDns: string;
  /** The caddy binary (name on PATH or absolute path). */
  readonly caddy: string;
  /** How often a metrics point per replica is stored. */
  readonly metricsEveryMs: number;
  /** How long logs, metrics and anomalies are kept (default for every app). */
  readonly retentionMs: number;
  /** Disk budget of the log store (default for every app; the oldest blocks go first). */
  readonly logsMaxBytes: number;
  /** Log systems to forward to: `loki=URL,otlp=URL` (empty: none). */
  readonly logsExport: string;
  /** Host capacity for admission and preemption; undefined: Docker's NCPU / MemTotal. */
  readonly capacityCpus: number | undefined;
  readonly capacityMemoryBytes: number | undefined;
}

/** One table of options: its env var, default and parser (flags use the same names in kebab-case). */
const options = {
  home: { env: 'BERTH_HOME', fallback: () => join(homedir(), '.berth') },
  listen: { env: 'BERTH_LISTEN', fallback: () => '127.0.0.1:7070' },
  dockerHost: { env: 'DOCKER_HOST', fallback: () => '/var/run/docker.sock' },
  logLevel: { env: 'BERTH_LOG_LEVEL', fallback: () => 'info' },
  resyncMs: { env: 'BERTH_RESYNC_MS', fallback: () => '30000' },
  backoffInitialMs: { env: 'BERTH_BACKOFF_INITIAL_MS', fallback: () => '10000' },
  backoffMaxMs: { env: 'BERTH_BACKOFF_MAX_MS', fallback: () => '300000' },
  backoffResetMs: { env: 'BERTH_BACKOFF_RESET_MS', fallback: () => '600000' },
  ingressAdmin: { env: 'BERTH_INGRESS_ADMIN', fallback: () => '127.0.0.1:2119' },
  ingressDns: { env: 'BERTH_INGRESS_DNS', fallback: () => '127.0.0.1:2153' },
  caddy: { env: 'BERTH_CADDY', fallback: () => 'caddy' },
  metricsEveryMs: { env: 'BERTH_METRICS_EVERY_MS', fallback: () => '10000' },
  retention: { env: 'BERTH_RETENTION', fallback: () => '7d' },
  logsMaxBytes: { env: 'BERTH_LOGS_MAX_BYTES', fallback: () => '2GiB' },
  logsExport: { env: 'BERTH_LOGS_EXPORT', fallback: () => '' },
  capacityCpus: { env: 'BERTH_CAPACITY_CPUS', fallback: () => '' },
  capacityMemory: { env: 'BERTH_CAPACITY_MEMORY', fallback: () => '' },
} as const;

export type OptionName = keyof typeof options;

/** The environment variable behind each option, for docs and `--help`. */
export const optionEnvNames: Readonly<Record<OptionName, string>> = Object.fromEntries(
  Object.entries(options).map(([k, v]) => [k, v.env]),
) as Record<OptionName, string>;

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Resolves configuration from flags (highest), then environment, then defaults. `process.env` is read
 * only by the caller, which passes it in.
 *
 * @example
 * const config = resolveConfig({ listen: '127.0.0.1:0' }, process.env);
 */
export function resolveConfig(
  flags: UserConfig,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedConfig {
  const raw = (name: OptionName): string => {
    const flag = flags[name];
    if (flag !== undefined) return String(flag);
    const fromEnv = env[options[name].env];
    return fromEnv !== undefined && fromEnv !== '' ? fromEnv : options[name].fallback();
  };
  const { host, port } = parseListen(raw('listen'));
  const logLevel = raw('logLevel');
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new BerthError('BERTH_CONFIG', `log level "${logLevel}" is not one of ${logLevels.join(', ')}`, {
      hint: `Set ${options.logLevel.env} to one of: ${logLevels.join(', ')}.`,
    });
  }
  return Object.freeze({
    home: resolve(raw('home')),
    host,
    port,
    dockerHost: raw('dockerHost'),
    logLevel: logLevel as ResolvedConfig['logLevel'],
    resyncMs: positiveInt('resyncMs', raw('resyncMs')),
    backoffInitialMs: positiveInt('backoffInitialMs', raw('backoffInitialMs')),
    backoffMaxMs: positiveInt('backoffMaxMs', raw('backoffMaxMs')),
    backoffResetMs: positiveInt('backoffResetMs', raw('backoffResetMs')),
    ingressAdmin: loopbackAddress('ingressAdmin', raw('ingressAdmin')),
    ingressDns: loopbackAddress('ingressDns', raw('ingressDns')),
    caddy: raw('caddy'),
    metricsEveryMs: positiveInt('metricsEveryMs', raw('metricsEveryMs')),
    retentionMs: durationMs('retention', raw('retention')),
    logsMaxBytes: byteSize('logsMaxBytes', raw('logsMaxBytes')),
    logsExport: raw('logsExport'),
    capacityCpus: optional(raw('capacityCpus'), (v) => positiveNumber('capacityCpus', v)),
    capacityMemoryBytes: optional(raw('capacityMemory'), (v) => byteSize('capacityMemory', v)),
  });
}

function positiveInt(name: OptionName, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new BerthError('BERTH_CONFIG', `${options[name].env}="${value}" is not a positive integer`, {
      hint: `Set ${options[name].env} to a whole number of milliseconds, e.g. 10000.`,
    });
  }
  return n;
}

/** An option that is off when empty. */
const optional = <T>(value: string, parse: (v: string) => T): T | undefined =>
  value.trim() === '' ? undefined : parse(value);

function positiveNumber(name: OptionName, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new BerthError('BERTH_CONFIG', `${options[name].env}="${value}" is not a positive number`, {
      hint: `Set ${options[name].env} to a number of CPUs such as 2 or 1.5, or leave it empty to use the host's.`,
    });
  }
  return n;
}

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function durationMs(name: OptionName, value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(value.trim());
  const ms = match ? Number(match[1]) * (durationUnits[match[2] ?? ''] ?? 0) : 0;
  if (ms <= 0) {
    throw new BerthError('BERTH_CONFIG', `${options[name].env}="${value}" is not a duration`, {
      hint: `Set ${options[name].env} to a number with a unit (ms, s, m, h, d), e.g. 7d.`,
    });
  }
  return ms;
}

const byteUnits: Record<string, number> = {
  '': 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
};

function byteSize(name: OptionName, value: string): number {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(value.trim());
  const bytes = match ? Number(match[1]) * (byteUnits[(match[2] ?? '').toLowerCase()] ?? 0) : 0;
  if (bytes <= 0) {
    throw new BerthError('BERTH_CONFIG', `${options[name].env}="${value}" is not a size`, {
      hint: `Set ${options[name].env} to bytes or a size such as 500MiB or 2GiB.`,
    });
  }
  return bytes;
}

/** Parses `host:port`, `[v6]:port` or `:port`. */
export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(value.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) {
    throw new BerthError('BERTH_CONFIG', `listen address "${value}" is not host:port`, {
      hint: `Use e.g. --listen 127.0.0.1:7070 or ${options.listen.env}=127.0.0.1:7070.`,
    });
  }
  return { host: match[1] ?? (match[2] === '' ? '127.0.0.1' : (match[2] ?? '127.0.0.1')), port };
}

/** The proxy's admin API must stay on loopback: it can reconfigure every route. */
function loopbackAddress(name: 'ingressAdmin' | 'ingressDns', value: string): string {
  const { host, port } = parseListen(value);
  if (host !== '127.0.0.1') {
    throw new BerthError('BERTH_CONFIG', `${options[name].env}="${value}" is not a 127.0.0.1 address`, {
      hint: `Use 127.0.0.1:PORT, e.g. ${options[name].env}=${options[name].fallback()}.`,
    });
  }
  return `${host}:${port}`;
}
