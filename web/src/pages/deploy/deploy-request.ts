import { api, ApiError, apiUrl, credentials, readNdjson, toApiError, type ReleaseSummary } from '../../api';

/** Where in the Compose file the daemon found a problem (BerthError.position, 1-based). */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * A failed deploy: the API's error plus, for Compose errors, the position the daemon reported. The
 * shared ApiError does not carry `position` yet, which is why the deploy call is made here.
 */
export class DeployError extends ApiError {
  readonly position: SourcePosition | undefined;

  constructor(error: ApiError, position: SourcePosition | undefined) {
    super(error.status, error.code, error.message, {
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.details === undefined ? {} : { details: error.details }),
    });
    this.position = position;
  }
}

/** `POST /apps` body (docs/api.md): the Compose text, never a path for the daemon to read. */
export interface DeployBody {
  project: string;
  composeFile: { path: string; content: string };
  projectDir: string;
  environment: Record<string, string>;
}

export interface DeployResult {
  release: ReleaseSummary;
  warnings: string[];
}

function positionOf(error: unknown): SourcePosition | undefined {
  if (typeof error !== 'object' || error === null || !('position' in error)) return undefined;
  const p = error.position as Partial<SourcePosition> | null;
  return p && typeof p.line === 'number' && typeof p.column === 'number'
    ? { file: typeof p.file === 'string' ? p.file : '', line: p.line, column: p.column }
    : undefined;
}

/** The `{error: {…}}` of a Berth error body or stream line, read again for its position. */
function errorObject(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'error' in value ? value.error : undefined;
}

async function authHeaders(): Promise<Record<string, string>> {
  const token = credentials.bearerToken();
  if (token !== undefined) return { authorization: `Bearer ${token}` };
  // Cookie sessions send the CSRF token with changes; the session answer carries the current one.
  const session = await api.get<{ csrfToken?: string }>('/auth/session');
  return session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {};
}

/**
 * Deploys with streamed progress (`Accept: application/x-ndjson`): `onProgress` gets each `{progress}`
 * line (pulls, builds, warnings); answers the recorded release. Throws DeployError, with `position`
 * for Compose errors (`BERTH_COMPOSE_*`, answered as plain JSON before any work starts).
 */
export async function deployWithProgress(
  body: DeployBody,
  onProgress: (line: string) => void,
  signal?: AbortSignal,
): Promise<DeployResult> {
  let response: Response;
  try {
    response = await fetch(apiUrl('/apps'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/x-ndjson',
        'content-type': 'application/json',
        ...(await authHeaders()),
      },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted || error instanceof ApiError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new DeployError(
      new ApiError(0, 'BERTH_SERVER_UNREACHABLE', `cannot reach the Berth daemon (${why})`, {
        hint: 'Is `berth server` still running? Deploy again once it is.',
      }),
      undefined,
    );
  }
  if (!response.ok) {
    const text = await response.text();
    // A 401 means the session ended: asking again lets the app show the login page.
    if (response.status === 401) void api.get('/auth/session').catch(() => undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    throw new DeployError(toApiError(response.status, text), positionOf(errorObject(parsed)));
  }
  let result: DeployResult | undefined;
  await readNdjson(response, (value) => {
    const failure = errorObject(value);
    if (failure !== undefined) {
      throw new DeployError(toApiError(response.status, JSON.stringify(value)), positionOf(failure));
    }
    if (
      typeof value === 'object' &&
      value !== null &&
      'progress' in value &&
      typeof value.progress === 'string'
    ) {
      onProgress(value.progress);
    } else if (typeof value === 'object' && value !== null && 'release' in value) {
      result = value as DeployResult;
    }
  });
  if (!result) {
    throw new DeployError(
      new ApiError(response.status, 'BERTH_INTERNAL', 'the deploy stream ended without a result', {
        hint: 'The release may still have been recorded: open the app page to check.',
      }),
      undefined,
    );
  }
  return result;
}
