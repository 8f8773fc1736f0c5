import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isForge, type Forge } from './forge.js';
import { headerValues, type WebhookHeaders } from './webhook-headers.js';

/** Why a webhook was not accepted; each is logged and answered 401 (or 404 for an unknown forge). */
export type WebhookRejection =
  'unknown-forge' | 'secret-not-configured' | 'missing-signature' | 'bad-signature';

export type WebhookVerification =
  { ok: true; forge: Forge } | { ok: false; reason: WebhookRejection; message: string };

/** The headers that carry each forge's signature (GitLab's carries the shared secret itself). */
export const signatureHeaders: Record<Forge, readonly string[]> = {
  github: ['x-hub-signature-256'],
  gitea: ['x-gitea-signature', 'x-forgejo-signature'],
  forgejo: ['x-forgejo-signature', 'x-gitea-signature'],
  gitlab: ['x-gitlab-token'],
};

const hexDigest = /^[0-9a-f]{64}$/i;

/**
 * Checks that a webhook request comes from the forge that knows `secret`, before anything reads the body:
 * - GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>` (docs.github.com, "Validating
 *   webhook deliveries");
 * - Gitea and Forgejo: `X-Gitea-Signature` / `X-Forgejo-Signature`: the same HMAC in hex, no prefix; every
 *   one of them that is present must match;
 * - GitLab: `X-Gitlab-Token`: the secret token itself (docs.gitlab.com, "Webhooks", secret token).
 *
 * Comparisons take constant time: HMACs are compared as 32-byte buffers with `timingSafeEqual`, and a
 * GitLab token is compared through SHA-256 digests of both sides, so neither its content nor its length
 * shows in the timing. Only the shape of the attacker's header (length, hex) is checked before that.
 * An empty secret never verifies: anyone could compute an HMAC with it.
 *
 * @example
 * const check = verifyWebhook('github', request.headers, rawBody, hookSecret);
 * if (!check.ok) return reply(401, check.message);
 */
export function verifyWebhook(
  forge: string,
  headers: WebhookHeaders,
  rawBody: Uint8Array,
  secret: string | Uint8Array,
): WebhookVerification {
  if (!isForge(forge)) {
    return {
      ok: false,
      reason: 'unknown-forge',
      message: `unknown forge "${forge}"; use github, gitea, forgejo or gitlab`,
    };
  }
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (key.length === 0) {
    return {
      ok: false,
      reason: 'secret-not-configured',
      message: `no webhook secret is configured for ${forge}`,
    };
  }
  const names = signatureHeaders[forge];
  const present = names.flatMap((name) => headerValues(headers, name).map((value) => ({ name, value })));
  if (present.length === 0) {
    return {
      ok: false,
      reason: 'missing-signature',
      message: `the request has no ${names.join(' or ')} header`,
    };
  }
  const bad = (name: string): WebhookVerification => ({
    ok: false,
    reason: 'bad-signature',
    message: `the ${name} header does not match the configured secret`,
  });
  if (forge === 'gitlab') {
    const expected = createHash('sha256').update(key).digest();
    for (const { name, value } of present) {
      const given = createHash('sha256').update(value, 'utf8').digest();
      if (!timingSafeEqual(given, expected)) return bad(name);
    }
    return { ok: true, forge };
  }
  const expected = createHmac('sha256', key).update(rawBody).digest();
  for (const { name, value } of present) {
    const hex = forge === 'github' ? (value.startsWith('sha256=') ? value.slice(7) : '') : value.trim();
    if (!hexDigest.test(hex)) return bad(name);
    if (!timingSafeEqual(Buffer.from(hex, 'hex'), expected)) return bad(name);
  }
  return { ok: true, forge };
}
