import { api, credentials, request } from './client';
import type { SessionInfo, SessionUser } from './types';

function toSessionUser(user: {
  name: string;
  role: SessionUser['role'];
  apps: string[] | null;
}): SessionUser {
  return { name: user.name, role: user.role, apps: user.apps };
}

/**
 * Who is logged in, from `GET /auth/session`; also refreshes the in-memory CSRF token. Throws ApiError
 * 401 when nobody is (the app then shows the login page).
 */
export async function loadSession(signal?: AbortSignal): Promise<SessionInfo> {
  const session = await api.get<SessionInfo>('/auth/session', signal ? { signal } : {});
  credentials.setCsrfToken(session.csrfToken);
  return {
    user: toSessionUser(session.user),
    ...(session.csrfToken ? { csrfToken: session.csrfToken } : {}),
  };
}

/** Logs in with a user name and password; the daemon sets the HttpOnly session cookie. */
export async function login(name: string, password: string): Promise<SessionInfo> {
  credentials.setBearerToken(undefined);
  const answer = await api.post<{ user: SessionUser; csrfToken: string }>('/auth/login', {
    name,
    password,
    session: true,
  });
  credentials.setCsrfToken(answer.csrfToken);
  return { user: toSessionUser(answer.user), csrfToken: answer.csrfToken };
}

/**
 * Logs in with an API token (a user's token or the admin token): it is checked against the API and
 * kept for this tab only. An invalid token is forgotten again and the ApiError rethrown.
 */
export async function loginWithToken(token: string): Promise<SessionInfo> {
  credentials.setBearerToken(token.trim());
  try {
    return await loadSession();
  } catch (error) {
    credentials.setBearerToken(undefined);
    throw error;
  }
}

/** Ends the cookie session on the daemon (the token is revoked) or forgets the pasted token. */
export async function logout(): Promise<void> {
  if (credentials.mode() === 'token') {
    // The pasted token may be used elsewhere (CLI, CI): forget it here, do not revoke it.
    credentials.setBearerToken(undefined);
    return;
  }
  try {
    await request('POST', '/auth/logout', {});
  } finally {
    credentials.setCsrfToken(undefined);
  }
}
