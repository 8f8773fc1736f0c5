import { BerthError } from '../errors/index.js';

interface DockerishError {
  statusCode?: number;
  code?: string;
  json?: { message?: string } | null;
  message?: string;
}

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ETIMEDOUT',
]);

export function engineStatus(error: unknown): number | undefined {
  return (error as DockerishError | null)?.statusCode;
}

export function engineMessage(error: unknown): string {
  const e = error as DockerishError | null;
  return e?.json?.message ?? e?.message ?? String(error);
}

/** Turns a dockerode failure into a BerthError that says what failed and how to fix it. */
export function toEngineError(error: unknown, what: string, dockerHost: string): BerthError {
  if (error instanceof BerthError) return error;
  const code = (error as DockerishError | null)?.code;
  if (code !== undefined && unreachableCodes.has(code)) {
    return new BerthError(
      'BERTH_ENGINE_UNREACHABLE',
      `cannot reach the Docker Engine at "${dockerHost}" (${code})`,
      {
        hint:
          'Start Docker (Debian: `apt-get install docker.io && systemctl start docker`, or run `sudo bash scripts/start-docker.sh`), ' +
          'or point DOCKER_HOST at a running engine.',
        cause: error,
      },
    );
  }
  return new BerthError('BERTH_ENGINE_ERROR', `${what}: ${engineMessage(error)}`, {
    hint: 'See the daemon log for the Engine API response.',
    cause: error,
  });
}
