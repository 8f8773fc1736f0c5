import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { BerthError } from '../../errors/index.js';
import { decodeRequestBody } from '../../logs/ingest/index.js';
import type { TailEntry } from '../../logs/service/index.js';
import { appsMatcher } from '../../logs/query/index.js';
import type { Principal } from '../../auth/index.js';
import { principalOf } from '../authenticate.js';
import type { ApiDeps } from '../api-deps.js';
import { LiveQueue } from '../live-queue.js';
import { parseQuery } from '../parse-query.js';
import { parseDurationParam, resolveTimeRange } from '../time-range.js';

export const QueryRangeSchema = z.object({
  query: z.string().min(1).max(16_384),
  app: z.string().max(63).optional(),
  since: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  step: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(100),
  direction: z.enum(['forward', 'backward']).default('backward'),
});

export const TailSchema = z.object({
  query: z.string().min(1).max(16_384),
  app: z.string().max(63).optional(),
});
export const DeleteSchema = z
  .object({ query: z.string().min(1).max(4096), start: z.string(), end: z.string() })
  .strict();

/** Loki's default `max_recv_msg_size` is 100 MB; Berth accepts 10 MB per push (decompressed). */
const maxPushBytes = 10 * 1024 * 1024;

/**
 * The log API (issue 5 item 5): LogQL over the store (`query_range`), live tail over SSE, labels,
 * deletion, and the Loki-compatible push endpoint (mounted at /api/v1/logs/push and /loki/api/v1/push).
 */
export function logQueryRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  routes.get('/query_range', async (c) => {
    const q = parseQuery(QueryRangeSchema, c.req.query(), 'log query');
    const scope = logScope(deps, principalOf(c), q.app);
    const range = resolveTimeRange(q, Date.now(), 3_600_000);
    const stepMs =
      q.step === undefined
        ? Math.max(1000, Math.ceil((range.endMs - range.startMs) / 250 / 1000) * 1000)
        : parseDurationParam(q.step, 'step');
    const result = await deps.logs.query({
      query: q.query,
      ...(scope === undefined ? {} : { app: scope }),
      ...range,
      limit: q.limit,
      direction: q.direction,
      stepMs,
      signal: c.req.raw.signal,
    });
    return c.json(
      result.kind === 'streams'
        ? { resultType: 'streams', ...range, entries: result.entries, scanned: result.scanned }
        : { resultType: 'matrix', ...range, stepMs, series: result.series, scanned: result.scanned },
    );
  });

  routes.get('/tail', (c) => {
    const q = parseQuery(TailSchema, c.req.query(), 'tail query');
    const scope = logScope(deps, principalOf(c), q.app);
    const abort = new AbortController();
    const queue = new LiveQueue<TailEntry>();
    // Validate (and subscribe) before answering, so a bad query is a 422, not a broken stream.
    deps.logs.tail(q.query, scope, (entry) => queue.push(entry), abort.signal);
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => {
        abort.abort();
        queue.close();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!queue.closed) {
        // A comment line every 15 s keeps proxies from closing an idle stream.
        const next = await queue.next(15_000);
        if (next !== undefined) await stream.writeSSE({ event: 'entry', data: JSON.stringify(next) });
        else if (!queue.closed) await stream.write(': keep-alive\n\n');
      }
    });
  });

  // A user scoped to some apps sees only the labels of those apps' streams.
  routes.get('/labels', (c) => {
    const apps = principalOf(c).apps;
    return c.json({ labels: apps === null ? deps.logs.store.labelNames() : labelNamesOf(deps, apps) });
  });
  routes.get('/labels/:name/values', (c) => {
    const apps = principalOf(c).apps;
    const name = c.req.param('name');
    return c.json({
      name,
      values: apps === null ? deps.logs.store.labelValues(name) : labelValuesOf(deps, apps, name),
    });
  });
  routes.get('/stats', (c) => c.json(deps.logs.stats()));

  routes.post('/delete', async (c) => {
    const body = DeleteSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) {
      throw new BerthError(
        'BERTH_BAD_REQUEST',
        'delete needs {"query": "{app=\\"shop\\"}", "start": ..., "end": ...}',
        {
          hint: 'start and end are RFC 3339 or Unix times.',
        },
      );
    }
    const range = resolveTimeRange(body.data, Date.now(), 0);
    const result = await deps.logs.delete(body.data.query, range.startMs, range.endMs);
    deps.logger.info({ query: body.data.query, ...range, ...result }, 'logs deleted');
    return c.json(result);
  });

  routes.post('/push', (c) => pushHandler(deps, c.req.raw));
  return routes;
}

/** POST of a Loki push body (JSON, optionally gzip); answers 204 like Loki. */
export async function pushHandler(deps: ApiDeps, request: Request): Promise<Response> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('json')) {
    throw new BerthError('BERTH_BAD_REQUEST', `push body of type "${type}" is not supported`, {
      hint: 'Send Loki push JSON (Content-Type: application/json); protobuf is not supported yet.',
    });
  }
  const raw = new Uint8Array(await request.arrayBuffer());
  const text = (
    await decodeRequestBody(raw, request.headers.get('content-encoding') ?? undefined, {
      maxBytes: maxPushBytes,
    })
  ).toString('utf8');
  deps.logs.push(text);
  return new Response(null, { status: 204 });
}

/**
 * Which apps a log read may see: the `app` asked for (which must exist and be one of a scoped user's
 * apps), else every app for an unscoped caller, else exactly the scoped user's apps. Log routes name no
 * app in their path, so authorize() cannot check them; this does (issue 7: roles scoped to apps).
 */
function logScope(
  deps: ApiDeps,
  principal: Principal,
  app: string | undefined,
): string | readonly string[] | undefined {
  if (app !== undefined) {
    if (principal.apps !== null && !principal.apps.includes(app)) {
      throw new BerthError('BERTH_FORBIDDEN', `${principal.name} has no access to app "${app}"`, {
        hint: `Ask an admin for access, or query one of: ${principal.apps.join(', ') || '(no apps)'}.`,
      });
    }
    deps.store.releases.getApp(app);
    return app;
  }
  return principal.apps ?? undefined;
}

function labelNamesOf(deps: ApiDeps, apps: readonly string[]): string[] {
  const names = new Set<string>();
  for (const labels of deps.logs.store.streams([appsMatcher(apps)]))
    for (const name of Object.keys(labels)) names.add(name);
  return [...names].sort();
}

function labelValuesOf(deps: ApiDeps, apps: readonly string[], name: string): string[] {
  const values = new Set<string>();
  for (const labels of deps.logs.store.streams([appsMatcher(apps)])) {
    const value = labels[name];
    if (value !== undefined) values.add(value);
  }
  return [...values].sort();
}
