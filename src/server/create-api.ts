import { Hono } from 'hono';
import type { ApiDeps } from './api-deps.js';
import { authenticate } from './authenticate.js';
import { dashboard } from './dashboard.js';
import { errorResponse } from './error-response.js';
import { openApiDocument } from './openapi.js';
import { appRoutes } from './routes/apps.js';
import { logRoutes } from './routes/logs.js';
import { metricRoutes } from './routes/metrics.js';
import { logQueryRoutes, pushHandler } from './routes/log-query.js';
import { patternRoutes } from './routes/patterns.js';
import { secretRoutes } from './routes/secrets.js';
import { pipelineListRoutes, pipelineRoutes } from './routes/pipelines.js';
import { webhookRoutes } from './routes/webhooks.js';
import { loginRoutes, sessionRoutes, userRoutes } from './routes/users.js';
import { scanRoutes } from './routes/scans.js';
import { BerthError } from '../errors/index.js';

/**
 * Builds the HTTP API (no socket: tests call `api.request()`). Everything under /api/v1 needs the bearer
 * token except the OpenAPI document, which holds no data.
 *
 * @example
 * const res = await createApi(deps).request('/api/v1/apps', { headers: { authorization: `Bearer ${token}` } });
 */
export function createApi(deps: ApiDeps): Hono {
  const api = new Hono();
  const guard = authenticate({
    adminToken: deps.adminToken,
    store: deps.store,
    publicPaths: ['/api/v1/auth/login', '/api/v1/openapi.json'],
  });
  api.onError((error, c) => errorResponse(c, error, deps.logger));
  api.notFound((c) =>
    errorResponse(
      c,
      new BerthError('BERTH_ROUTE_NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`, {
        hint: 'See /api/v1/openapi.json.',
      }),
      deps.logger,
    ),
  );
  api.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(deps.version)));
  // Forge webhooks authenticate with their signature, not the bearer token.
  api.route('/hooks', webhookRoutes(deps));
  // Logging in is how a user gets a token, so it is the one call without one (throttled, audited).
  api.route('/api/v1/auth', loginRoutes(deps));
  api.use('/api/v1/*', guard);
  // Loki's push path, so Promtail, Vector and Fluent Bit can ship here with a bearer token.
  api.use('/loki/*', guard);
  api.post('/loki/api/v1/push', (c) => pushHandler(deps, c.req.raw));
  api.get('/api/v1/version', async (c) => {
    const engine = await deps.engine.version().catch(() => undefined);
    return c.json({ berth: deps.version, engine: engine ?? null });
  });
  api.route('/api/v1/apps', appRoutes(deps));
  api.route('/api/v1/apps', logRoutes(deps));
  api.route('/api/v1/apps', metricRoutes(deps));
  api.route('/api/v1/apps', patternRoutes(deps));
  api.route('/api/v1/apps', secretRoutes(deps));
  api.route('/api/v1/apps', pipelineRoutes(deps));
  api.route('/api/v1/pipelines', pipelineListRoutes(deps));
  api.route('/api/v1/logs', logQueryRoutes(deps));
  api.route('/api/v1/scans', scanRoutes(deps));
  api.route('/api/v1', userRoutes(deps));
  api.route('/api/v1/auth', sessionRoutes(deps));
  // Last, so every API route wins: the dashboard's files are public (they hold no data) and it reads
  // everything through the API above; /api, /hooks and /loki paths fall through to the JSON 404.
  api.get('*', dashboard());
  return api;
}
