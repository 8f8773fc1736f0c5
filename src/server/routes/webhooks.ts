import type { Context } from 'hono';
import { Hono } from 'hono';
import { BerthError } from '../../errors/index.js';
import { deliveryKeys, isForge, parseWebhookEvent, verifyWebhook } from '../../pipeline/webhooks/index.js';
import type { RunTrigger } from '../../store/index.js';
import type { ApiDeps } from '../api-deps.js';
import { webhookSecretName } from '../../secrets/index.js';

/** Forges send up to 25 MB (GitHub); pushes are far smaller. */
const maxHookBytes = 5 * 1024 * 1024;

/**
 * POST /hooks/{app}/{forge}: a forge's webhook. Authenticated by the forge's signature (checked in
 * constant time on the raw body before anything is parsed), not by the bearer token; answered at once,
 * the run is queued just after. A redelivery (same delivery id or same body) creates nothing.
 */
export function webhookRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  routes.post('/:app/:forge', async (c) => {
    const app = c.req.param('app');
    const forge = c.req.param('forge');
    const source = deps.store.pipelines.source(app);
    if (!isForge(forge) || !source || source.forge !== forge || !source.webhookSecret) {
      return reject(c, deps, app, forge, 'no webhook is configured for this app and forge', 404);
    }
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength > maxHookBytes) return reject(c, deps, app, forge, 'body too large', 413);
    const secret = deps.secretBox.decrypt(app, webhookSecretName, source.webhookSecret);
    const verified = verifyWebhook(forge, c.req.raw.headers, raw, secret);
    if (!verified.ok) return reject(c, deps, app, forge, verified.message, 401);
    const event = parseWebhookEvent(forge, c.req.raw.headers, raw);
    if (event.event === 'ping') return c.json({ ok: true, ping: true });
    if (event.event === 'ignored') return c.json({ ok: true, ignored: event.reason }, 202);
    const keys = deliveryKeys(event, raw);
    if (!keys.every((key) => deps.store.pipelines.claimDelivery(`${app}:${key}`))) {
      deps.logger.info({ app, forge, delivery: event.deliveryId }, 'webhook redelivery ignored');
      return c.json({ ok: true, duplicate: true });
    }
    const trigger: RunTrigger = {
      event: event.event === 'tag' ? 'tag' : 'push',
      ref: event.ref,
      ...(event.branch ? { branch: event.branch } : {}),
      ...(event.tag ? { tag: event.tag } : {}),
      commit: event.commit,
      ...(event.before ? { before: event.before } : {}),
      ...(event.changedFilesComplete ? { changedFiles: event.changedFiles } : {}),
      sender: event.sender,
      deliveryId: event.deliveryId,
      message: event.message,
      // Pull requests are not run (yet); pushes and tags are signed by the forge, so trusted.
      trusted: event.event !== 'pull_request',
    };
    if (event.event === 'pull_request')
      return c.json({ ok: true, ignored: 'pull requests are not built yet' }, 202);
    setImmediate(() => {
      try {
        deps.pipelines.enqueue(app, trigger);
      } catch (error) {
        deps.logger.error({ err: error, app, forge }, 'webhook run could not be queued');
      }
    });
    return c.json({ ok: true, queued: true }, 202);
  });
  return routes;
}

function reject(
  c: Context,
  deps: ApiDeps,
  app: string,
  forge: string,
  reason: string,
  status: 401 | 404 | 413,
): Response {
  deps.logger.warn(
    { app, forge, reason, from: c.req.header('x-forwarded-for') ?? 'direct' },
    'webhook rejected',
  );
  const error = new BerthError(
    status === 413 ? 'BERTH_PAYLOAD_TOO_LARGE' : 'BERTH_UNAUTHORIZED',
    `webhook rejected: ${reason}`,
  );
  return c.json({ error: error.toJSON() }, status);
}
