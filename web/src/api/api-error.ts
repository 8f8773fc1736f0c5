/**
 * An API call that failed, carrying Berth's error body (`{error: {code, message, hint?, details?}}`,
 * docs/api.md#errors). `status` 0 means the daemon could not be reached at all.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: unknown;
  /** Seconds from a Retry-After header (login throttling). */
  readonly retryAfterS: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { hint?: string; details?: unknown; retryAfterS?: number } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.hint = extra.hint;
    this.details = extra.details;
    this.retryAfterS = extra.retryAfterS;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns a failed response's status and body text into an ApiError; bodies that are not Berth's JSON
 * error (a proxy's HTML page, an empty body) still give a readable message.
 *
 * @example
 * toApiError(401, '{"error":{"code":"BERTH_UNAUTHORIZED","message":"wrong user name or password"}}')
 */
export function toApiError(status: number, bodyText: string, retryAfter?: string | null): ApiError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  const retryAfterS = retryAfter ? Number(retryAfter) : undefined;
  const extraRetry = retryAfterS !== undefined && Number.isFinite(retryAfterS) ? { retryAfterS } : {};
  const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  if (error && typeof error.message === 'string') {
    return new ApiError(
      status,
      typeof error.code === 'string' ? error.code : `HTTP_${status}`,
      error.message,
      {
        ...(typeof error.hint === 'string' ? { hint: error.hint } : {}),
        ...(error.details === undefined ? {} : { details: error.details }),
        ...extraRetry,
      },
    );
  }
  const snippet = bodyText.trim().slice(0, 200);
  return new ApiError(
    status,
    `HTTP_${status}`,
    snippet ? `HTTP ${status}: ${snippet}` : `HTTP ${status}`,
    extraRetry,
  );
}

/** The ApiError for a request that never got an answer (daemon down, network gone). */
export function unreachable(cause: unknown): ApiError {
  return new ApiError(
    0,
    'BERTH_SERVER_UNREACHABLE',
    `cannot reach the Berth daemon (${cause instanceof Error ? cause.message : String(cause)})`,
    { hint: 'Is `berth server` still running? The page retries live views by itself.' },
  );
}
