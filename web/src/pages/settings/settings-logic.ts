import type { Tone } from '../../components';
import type { ApiToken, Forge, PipelineSource } from './types';

/** The settings sections, in tab order; the URL names the open one (`?tab=tokens`). */
export const tabs = [
  { key: 'users', label: 'Users' },
  { key: 'tokens', label: 'API tokens' },
  { key: 'secrets', label: 'Secrets' },
  { key: 'registries', label: 'Registries' },
  { key: 'webhooks', label: 'Webhooks' },
  { key: 'audit', label: 'Audit log' },
] as const;
export type TabKey = (typeof tabs)[number]['key'];

/** The tab the URL names, else Users for admins and API tokens for everyone else. */
export function tabOf(key: string | null, isAdmin: boolean): TabKey {
  return tabs.find((t) => t.key === key)?.key ?? (isAdmin ? 'users' : 'tokens');
}

export type TokenState = 'active' | 'expired' | 'revoked';

/** Whether a token still works: revoked wins over expired. */
export function tokenState(token: ApiToken, nowMs: number): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= nowMs) return 'expired';
  return 'active';
}

export type OutcomeClass = 'ok' | 'denied' | 'error';

/**
 * The class of an audit outcome, as `GET /audit?outcome=` filters (src/store/user-repo.ts): `ok` for
 * 2xx/3xx and logins that worked, `denied` for 401/403 and failed or throttled logins, `error` else.
 */
export function outcomeClass(outcome: string): OutcomeClass {
  if (outcome === 'ok' || /^[23]\d\d$/.test(outcome)) return 'ok';
  if (['401', '403', 'failed', 'throttled'].includes(outcome)) return 'denied';
  return 'error';
}

export const outcomeTone: Readonly<Record<OutcomeClass, Tone>> = { ok: 'ok', denied: 'warn', error: 'bad' };

/**
 * The apps a user is limited to, from a comma- or space-separated list; undefined (every app) when
 * the field is empty.
 */
export function parseAppList(text: string): string[] | undefined {
  const apps = [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  ];
  return apps.length === 0 ? undefined : apps;
}

/** Secret names as the API accepts them (src/secrets/secret-name.ts): A-Z, 0-9, `_`, no leading digit. */
export const secretNamePattern = '[A-Z_][A-Z0-9_]*';
/** Shorter values cannot be masked reliably in logs, so the API refuses them. */
export const minSecretLength = 8;

/** The URL a forge posts to: the daemon's address as this browser reaches it, plus the hook path. */
export function webhookUrl(origin: string, webhookPath: string): string {
  return `${origin.replace(/\/$/, '')}${webhookPath}`;
}

/** Where each forge wants the URL and the secret (docs/pipelines.md). */
export const forgeHelp: Readonly<Record<Forge, string>> = {
  github:
    'GitHub: Settings → Webhooks → Add webhook. Payload URL: the URL above; Content type: application/json; Secret: the webhook secret; events: pushes (and tags).',
  gitea:
    'Gitea: Settings → Webhooks → Add webhook → Gitea. Target URL: the URL above; POST, application/json; Secret: the webhook secret; trigger on push events.',
  forgejo:
    'Forgejo: Settings → Webhooks → Add webhook → Forgejo. Target URL: the URL above; POST, application/json; Secret: the webhook secret; trigger on push events.',
  gitlab:
    'GitLab: Settings → Webhooks → Add new webhook. URL: the URL above; Secret token: the webhook secret; triggers: push events and tag push events.',
};

/** `7 d`, `90 d`: what a token's expiry choice reads as. */
export const expiryChoices = [7, 30, 90, 365] as const;

/** The `PUT /apps/{app}/pipeline` body that keeps what `source` has (nulls left out, as the API
 * wants) plus `extra`. */
export function sourceBody(
  source: Pick<PipelineSource, 'repoUrl' | 'branch' | 'forge' | 'forgeApi' | 'forgeRepo' | 'pollSeconds'>,
  extra: { forgeToken?: string; rotateWebhookSecret?: boolean } = {},
): Record<string, unknown> {
  return {
    repoUrl: source.repoUrl,
    branch: source.branch,
    ...(source.forge ? { forge: source.forge } : {}),
    ...(source.forgeApi ? { forgeApi: source.forgeApi } : {}),
    ...(source.forgeRepo ? { forgeRepo: source.forgeRepo } : {}),
    ...(source.pollSeconds ? { pollSeconds: source.pollSeconds } : {}),
    ...extra,
  };
}
