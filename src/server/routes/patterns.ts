import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps.js';
import { parseQuery } from '../parse-query.js';
import { resolveTimeRange } from '../time-range.js';

export const PatternsQuerySchema = z.object({
  since: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
});

/** GET /apps/{app}/patterns (mined templates with counts) and /apps/{app}/alerts (rule states). */
export function patternRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  routes.get('/:app/patterns', (c) => {
    const app = deps.store.releases.getApp(c.req.param('app'));
    const q = parseQuery(PatternsQuerySchema, c.req.query(), 'patterns query');
    const range = resolveTimeRange(q, Date.now(), 3_600_000);
    const patterns = deps.logs.patterns(app.name, range.startMs, range.endMs);
    return c.json({
      app: app.name,
      ...range,
      total: patterns.length,
      patterns: patterns.slice(0, q.limit),
    });
  });
  routes.get('/:app/alerts', (c) => {
    const app = deps.store.releases.getApp(c.req.param('app'));
    return c.json({ app: app.name, alerts: deps.logs.alertStatus(app.name) });
  });
  return routes;
}
