import { Hono } from 'hono';
import { z } from 'zod';
import { BerthError } from '../../errors/index.js';
import type { ApiDeps } from '../api-deps.js';

const appNamePattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const SetSecretSchema = z.object({ value: z.string() }).strict();

function appParam(app: string): string {
  if (!appNamePattern.test(app)) {
    throw new BerthError('BERTH_BAD_REQUEST', `"${app}" is not an app name`, {
      hint: 'App names are lowercase letters, digits, "-" and "_".',
    });
  }
  return app;
}

/**
 * Secrets of an app's pipelines (issue 6 item 5): set (encrypted at once), list names, delete. A value
 * is never returned once set; steps see it only through `from_secret`.
 */
export function secretRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  routes.get('/:app/secrets', (c) => {
    const app = appParam(c.req.param('app'));
    return c.json({ app, secrets: deps.store.secrets.list(app) });
  });
  routes.put('/:app/secrets/:name', async (c) => {
    const app = appParam(c.req.param('app'));
    const name = c.req.param('name');
    const body = SetSecretSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) {
      throw new BerthError('BERTH_BAD_REQUEST', 'a secret is set with {"value": "..."}', {
        hint: 'Use `berth secret set APP NAME` and type the value on stdin.',
      });
    }
    // encrypt() validates the name and the value (length, maskability) before anything is stored.
    const blob = deps.secretBox.encrypt(app, name, body.data.value);
    deps.store.secrets.set(app, name, blob);
    deps.logger.info({ app, secret: name }, 'secret set');
    return c.json({ app, name, updatedAt: new Date().toISOString() });
  });
  routes.delete('/:app/secrets/:name', (c) => {
    const app = appParam(c.req.param('app'));
    const name = c.req.param('name');
    if (!deps.store.secrets.delete(app, name)) {
      throw new BerthError('BERTH_BAD_REQUEST', `app "${app}" has no secret "${name}"`, {
        hint: `List them with: berth secret ls ${app}`,
      });
    }
    deps.logger.info({ app, secret: name }, 'secret deleted');
    return c.json({ app, name, deleted: true });
  });
  return routes;
}
