import { BerthError } from '../../errors/index.js';

/* dockerode rejects with an Error carrying the Engine API status and its JSON body. */
interface EngineRejection {
  readonly statusCode?: number;
  readonly code?: string;
  readonly json?: { readonly message?: string } | null;
  readonly message?: string;
}

const unreachable = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT']);

/** The HTTP status of an Engine API rejection, if it has one. */
export function engineStatus(error: unknown): number | undefined {
  return (error as EngineRejection | null)?.statusCode;
}

/** A dockerode rejection as a `BerthError` that says which call failed and quotes the engine's reason. */
export function engineFailure(error: unknown, what: string): BerthError {
  if (error instanceof BerthError) return error;
  const e = error as EngineRejection | null;
  if (e?.code !== undefined && unreachable.has(e.code)) {
    return new BerthError('BERTH_ENGINE_UNREACHABLE', `${what}: cannot reach the Docker Engine (${e.code})`, {
      hint: 'Start Docker, or point DOCKER_HOST at a running engine.',
      cause: error,
    });
  }
  const reason = e?.json?.message ?? e?.message ?? String(error);
  return new BerthError('BERTH_ENGINE_ERROR', `${what}: ${reason.trim()}`, {
    hint: 'See the daemon log for the Engine API response.',
    cause: error,
  });
}

/** Runs an engine call that may find its object gone already (404) or in that state already (304). */
export async function ignoreGone(call: () => Promise<unknown>, what: string): Promise<void> {
  try {
    await call();
  } catch (error) {
    const status = engineStatus(error);
    if (status === 404 || status === 304) return;
    if (status === 409 && /already in progress/.test(String((error as Error).message))) return;
    throw engineFailure(error, what);
  }
}
