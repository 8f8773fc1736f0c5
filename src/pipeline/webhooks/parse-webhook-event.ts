import { BerthError } from '../../errors/index.js';
import type { Forge } from './forge.js';
import { parseGiteaEvent } from './parse-gitea-event.js';
import { parseGithubEvent } from './parse-github-event.js';
import { parseGitlabEvent } from './parse-gitlab-event.js';
import type { ParsedWebhook } from './webhook-event.js';
import { firstHeader, type WebhookHeaders } from './webhook-headers.js';

/** The header naming the event, per forge (Forgejo sends both its own and Gitea's). */
export const eventHeaders: Record<Forge, readonly string[]> = {
  github: ['x-github-event'],
  gitea: ['x-gitea-event', 'x-forgejo-event'],
  forgejo: ['x-forgejo-event', 'x-gitea-event'],
  gitlab: ['x-gitlab-event'],
};

/**
 * The header carrying the delivery id. GitLab's `Idempotency-Key` (GitLab 17.4+) stays the same when a
 * hook is retried; older GitLab only sends `X-Gitlab-Event-UUID`.
 */
export const deliveryHeaders: Record<Forge, readonly string[]> = {
  github: ['x-github-delivery'],
  gitea: ['x-gitea-delivery', 'x-forgejo-delivery'],
  forgejo: ['x-forgejo-delivery', 'x-gitea-delivery'],
  gitlab: ['idempotency-key', 'x-gitlab-event-uuid'],
};

/**
 * Reads a webhook that {@link verifyWebhook} accepted into one normalised shape for every forge: a
 * {@link WebhookEvent} to run (push, tag, pull/merge request), a ping, or an event that starts nothing.
 * The body is JSON, or the `payload` field of a form-encoded body (GitHub and Gitea can send either).
 * Throws `BERTH_BAD_REQUEST` naming the missing header or the invalid field.
 *
 * @example
 * const event = parseWebhookEvent('gitlab', request.headers, rawBody);
 * if (event.event === 'push') startRun(event.repoUrl, event.commit);
 */
export function parseWebhookEvent(
  forge: Forge,
  headers: WebhookHeaders,
  body: Uint8Array | string,
): ParsedWebhook {
  const name = firstHeader(headers, ...eventHeaders[forge]);
  if (name === undefined) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `the ${forge} webhook has no ${eventHeaders[forge].join(' or ')} header`,
      {
        hint: `Point only ${forge} webhooks at this URL.`,
      },
    );
  }
  const deliveryId = firstHeader(headers, ...deliveryHeaders[forge]);
  if (deliveryId === undefined) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `the ${forge} webhook has no ${deliveryHeaders[forge].join(' or ')} header, so a redelivery could not be told apart`,
      {
        hint:
          forge === 'gitlab'
            ? 'Use GitLab 15.x or later, which sends X-Gitlab-Event-UUID.'
            : `Point only ${forge} webhooks at this URL.`,
      },
    );
  }
  const payload = decodePayload(forge, headers, body);
  if (forge === 'github') return parseGithubEvent(name, deliveryId, payload);
  if (forge === 'gitlab') return parseGitlabEvent(name, deliveryId, payload);
  return parseGiteaEvent(forge, name, deliveryId, payload);
}

function decodePayload(forge: Forge, headers: WebhookHeaders, body: Uint8Array | string): unknown {
  let text =
    typeof body === 'string'
      ? body
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const contentType = firstHeader(headers, 'content-type')?.toLowerCase() ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const field = new URLSearchParams(text).get('payload');
    if (field === null) {
      throw new BerthError('BERTH_BAD_REQUEST', `the form-encoded ${forge} webhook has no "payload" field`, {
        hint: 'Set the webhook content type to application/json.',
      });
    }
    text = field;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BerthError('BERTH_BAD_REQUEST', `the ${forge} webhook body is not valid JSON`, {
      hint: 'Set the webhook content type to application/json.',
      cause: error,
    });
  }
}
