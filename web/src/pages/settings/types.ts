import type { Role } from '../../api';

/**
 * The JSON of the settings routes as this page reads it (src/server/routes/users.ts, secrets.ts,
 * pipelines.ts; src/store/user-repo.ts). Times are epoch milliseconds.
 */

/** `GET /users` (`{users}`), admins only. */
export interface User {
  name: string;
  role: Role;
  /** Apps the user may see or change; null means every app. */
  apps: string[] | null;
  createdAt: number;
}

/** `GET /tokens` (`{tokens}`): never the token itself, which only `POST /tokens` answers, once. */
export interface ApiToken {
  id: number;
  user: string;
  name: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** `POST /tokens`: the record plus the token, shown once. */
export interface CreatedToken extends ApiToken {
  token: string;
}

/** `GET /audit` (`{entries}`), newest first. */
export interface AuditEntry {
  id: number;
  at: number;
  /** A user name, `admin-token` or `anonymous`. */
  actor: string;
  /** The HTTP method, or `login`. */
  action: string;
  /** The path called. */
  target: string;
  /** The HTTP status (`201`, `403`), or for logins `ok`, `failed`, `throttled`. */
  outcome: string;
  /** The caller's address. */
  source: string | null;
  details: Record<string, unknown> | null;
}

/** `GET /apps/{app}/secrets`: names and update times only; values are write-only. */
export interface SecretName {
  name: string;
  updatedAt: number;
}

export const forges = ['github', 'gitea', 'forgejo', 'gitlab'] as const;
export type Forge = (typeof forges)[number];

/** `GET /apps/{app}/pipeline`: the repository an app's pipelines come from, without its secrets. */
export interface PipelineSource {
  app: string;
  repoUrl: string;
  branch: string;
  forge: Forge | null;
  forgeApi: string | null;
  forgeRepo: string | null;
  pollSeconds: number | null;
  updatedAt: number;
  webhookSecretSet: boolean;
  forgeTokenSet: boolean;
  /** `/hooks/{app}/{forge}`, when a forge is set. */
  webhookPath?: string;
}

/** `PUT /apps/{app}/pipeline`: the webhook secret only when it was created or rotated by this call. */
export interface PipelineSetupAnswer {
  app: string;
  repoUrl: string;
  branch: string;
  webhookPath?: string;
  webhookSecret?: string;
}
