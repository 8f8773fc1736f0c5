import { ApiError, toApiError, unreachable } from './api-error';

/**
 * How the dashboard authenticates. `cookie`: the HttpOnly `berth_session` cookie set by the login form,
 * plus the CSRF token kept in memory for mutating calls. `token`: an API token pasted into the login
 * form, kept in sessionStorage (this tab only) and sent as `Authorization: Bearer`.
 */
export type AuthMode = 'cookie' | 'token';

const tokenKey = 'berth.apiToken';
let csrfToken: string | undefined;
const unauthorizedListeners = new Set<() => void>();

function storedToken(): string | undefined {
  try {
    return sessionStorage.getItem(tokenKey) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The client's credentials; `api/auth.ts` sets them, pages only read `mode()`. */
export const credentials = {
  mode(): AuthMode {
    return storedToken() === undefined ? 'cookie' : 'token';
  },
  bearerToken(): string | undefined {
    return storedToken();
  },
  setBearerToken(token: string | undefined): void {
    if (token === undefined) sessionStorage.removeItem(tokenKey);
    else sessionStorage.setItem(tokenKey, token);
  },
  setCsrfToken(token: string | undefined): void {
    csrfToken = token;
  },
};

/**
 * Calls `listener` whenever the API answers 401 (session expired, token revoked), so the app can show
 * the login page again. Returns the unsubscribe function.
 */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type QueryValue = string | number | boolean | undefined | null;

/** `/apps` -> `/api/v1/apps`; paths already under `/api/` are kept; `query` entries that are null/undefined are left out. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const base = path.startsWith('/api/') ? path : `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${base}${base.includes('?') ? '&' : '?'}${qs}` : base;
}

/** The auth headers a call needs: the bearer token, or for a mutating cookie call the CSRF token. */
export function authHeaders(method: string): Record<string, string> {
  const token = storedToken();
  if (token !== undefined) return { authorization: `Bearer ${token}` };
  const mutating = method !== 'GET' && method !== 'HEAD';
  return mutating && csrfToken !== undefined ? { 'x-csrf-token': csrfToken } : {};
}

export interface RequestOptions {
  signal?: AbortSignal;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
}

/**
 * Sends one API request and answers the Response when it is 2xx; otherwise throws ApiError (status 0
 * when the daemon cannot be reached). A 401 (except from the login call itself) tells the app to log in.
 */
export async function request(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(method) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers: { ...headers, ...options.headers },
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw unreachable(error);
  }
  if (response.ok) return response;
  const error = toApiError(response.status, await response.text(), response.headers.get('retry-after'));
  if (response.status === 401 && !path.endsWith('/auth/login')) {
    for (const listener of unauthorizedListeners) listener();
  }
  throw error;
}

async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'HTTP_BAD_JSON', `the API answered something that is not JSON`);
  }
}

/**
 * The dashboard's API client: paths are relative to /api/v1, answers are parsed JSON, failures throw
 * ApiError. Works with the session cookie and with a bearer token alike.
 *
 * @example
 * const { apps } = await api.get<{ apps: AppStatus[] }>('/apps');
 * await api.post(`/apps/${app}/rollback`, {});
 * const { runs } = await api.get<{ runs: PipelineRun[] }>(`/apps/${app}/pipelines/runs`, { query: { limit: 5 } });
 */
export const api = {
  get: async <T>(path: string, options?: RequestOptions): Promise<T> =>
    json<T>(await request('GET', path, undefined, options)),
  post: async <T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> =>
    json<T>(await request('POST', path, body, options)),
  put: async <T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> =>
    json<T>(await request('PUT', path, body, options)),
  del: async <T>(path: string, options?: RequestOptions): Promise<T> =>
    json<T>(await request('DELETE', path, undefined, options)),
};
