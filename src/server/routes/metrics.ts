import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps.js';
import { parseQuery } from '../parse-query.js';
import { parseDurationParam, resolveTimeRange } from '../time-range.js';

export const MetricsQuerySchema = z.object({
  service: z.string().max(63).optional(),
  since: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  step: z.string().optional(),
  by: z.enum(['replica', 'service']).default('replica'),
});

/** Samples are stored every 10 s; a finer step would only return the same points. */
const minStepMs = 10_000;

/**
 * GET /apps/{app}/metrics: CPU (cores), memory, network and block I/O per replica or per service, as
 * `[bucketStartMs, value]` points averaged per `step` (default: the range in about 120 points).
 */
export function metricRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  routes.get('/:app/metrics', (c) => {
    const app = deps.store.releases.getApp(c.req.param('app'));
    const query = parseQuery(MetricsQuerySchema, c.req.query(), 'metrics query');
    const range = resolveTimeRange(query, Date.now(), 3_600_000);
    const stepMs = Math.max(
      minStepMs,
      query.step === undefined
        ? Math.ceil((range.endMs - range.startMs) / 120 / minStepMs) * minStepMs
        : parseDurationParam(query.step, 'step'),
    );
    const series = deps.store.metrics.query({
      app: app.name,
      ...(query.service === undefined ? {} : { service: query.service }),
      sinceMs: range.startMs,
      untilMs: range.endMs,
      stepMs,
      by: query.by,
    });
    return c.json({ app: app.name, ...range, stepMs, series });
  });
  return routes;
}
