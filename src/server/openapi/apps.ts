import { DeployRequestSchema, RollbackRequestSchema, ScaleRequestSchema } from '../api-schemas.js';
import { MetricsQuerySchema } from '../routes/metrics.js';
import {
  eventsOrStream,
  appParam,
  errors,
  fromZod,
  json,
  jsonBody,
  pathParam,
  queryParam,
  queryParams,
  stream,
  type ApiArea,
  type Json,
} from './operation-parts.js';

const releaseMade = (what: string): Record<string, Json> => ({
  '201': json(what, { release: 'object' }),
  '200': stream(
    'With `Accept: application/x-ndjson`: `{progress}` lines, then `{release}` or `{error}`',
    'application/x-ndjson',
  ),
});

/** Apps, releases, events and metrics (routes/apps.ts, routes/metrics.ts). */
export const appsArea: ApiArea = {
  schemas: {
    DeployRequest: fromZod(DeployRequestSchema),
    ScaleRequest: fromZod(ScaleRequestSchema),
    RollbackRequest: fromZod(RollbackRequestSchema),
  },
  paths: {
    '/apps': {
      get: {
        summary: 'Every deployed app with its status (app-scoped users see their apps)',
        responses: { '200': json('Apps', { apps: 'array' }) },
      },
      post: {
        summary: 'Create a release from a Compose file (berth up)',
        description:
          'The body carries the Compose text and the files it refers to; the release is recorded, then reconciled.',
        requestBody: jsonBody('DeployRequest', {
          composeFile: {
            path: '/srv/shop/compose.yaml',
            content: 'services:\n  web:\n    image: nginx:1.27\n',
          },
          projectDir: '/srv/shop',
          environment: { TAG: '1.4' },
        }),
        responses: { ...releaseMade('The new release'), ...errors('409', '422', '503') },
      },
    },
    '/apps/{app}': {
      parameters: [appParam],
      get: {
        summary: 'Services and replicas with state, readiness and restarts (berth ps)',
        responses: {
          '200': json('App status', { app: 'string', release: 'integer', services: 'array' }),
          ...errors('404'),
        },
      },
      delete: {
        summary: 'Remove the containers and networks of an app (berth down)',
        parameters: [queryParam('volumes', 'Also remove its volumes (`1` or `true`)', { type: 'boolean' })],
        responses: {
          '200': json('What was removed', {
            app: 'string',
            removedNetworks: 'array',
            removedVolumes: 'array',
          }),
          ...errors('404'),
        },
      },
    },
    '/apps/{app}/scale': {
      parameters: [appParam],
      post: {
        summary: 'Change replica counts (creates a release)',
        requestBody: jsonBody('ScaleRequest', { replicas: { web: 3 } }),
        responses: { ...releaseMade('The new release'), ...errors('404', '409', '422') },
      },
    },
    '/apps/{app}/rollback': {
      parameters: [appParam],
      post: {
        summary: 'Restore a release (default: the newest one that was ever ready) as a new release',
        requestBody: jsonBody('RollbackRequest', { to: 1 }, false),
        responses: {
          '201': json('The new release and the number it restores', {
            release: 'object',
            restored: 'integer',
          }),
          ...errors('404', '422'),
        },
      },
    },
    '/apps/{app}/rollout/resume': {
      parameters: [appParam],
      post: {
        summary: 'Resume a paused rollout (berth rollout resume): the release becomes pending again',
        responses: { '200': json('The resumed release', { release: 'object' }), ...errors('404', '409') },
      },
    },
    '/apps/{app}/rollout/abort': {
      parameters: [appParam],
      post: {
        summary:
          'Abort a paused or pending rollout: restore the newest verified release (berth rollout abort)',
        responses: {
          '201': json('The new release, the aborted one and the number it restores', {
            release: 'object',
            aborted: 'object',
            restored: 'integer',
          }),
          ...errors('404', '409', '422'),
        },
      },
    },
    '/apps/{app}/releases': {
      parameters: [appParam],
      get: {
        summary: 'Releases, newest first',
        responses: { '200': json('Releases', { releases: 'array' }), ...errors('404') },
      },
    },
    '/apps/{app}/releases/{number}': {
      parameters: [appParam, pathParam('number', 'Release number', 1, { type: 'integer', minimum: 1 })],
      get: {
        summary: 'One release with its full spec and image ids',
        responses: {
          '200': json('Release', { number: 'integer', spec: 'object', images: 'object' }),
          ...errors('404'),
        },
      },
    },
    '/apps/{app}/events': {
      parameters: [appParam],
      get: {
        summary:
          'Recent events (restarts, probe failures, releases); live with `follow=1` or `Accept: text/event-stream`',
        parameters: [
          queryParam('after', 'Only events with a larger id (for following)', {
            type: 'integer',
            minimum: 0,
          }),
          queryParam('limit', 'At most this many (default 100)', {
            type: 'integer',
            minimum: 1,
            maximum: 1000,
          }),
          queryParam(
            'follow',
            'Stream as Server-Sent Events (`event` events) until the client leaves (`1`)',
            {
              type: 'string',
            },
          ),
        ],
        responses: {
          '200': eventsOrStream('Events (JSON, newest first), or a stream of them, oldest first'),
          ...errors('404'),
        },
      },
    },
    '/apps/{app}/metrics': {
      parameters: [appParam],
      get: {
        summary: 'CPU (cores), memory (bytes), network and block I/O (bytes/s) per replica or service',
        parameters: queryParams(MetricsQuerySchema, {
          since: 'A duration back from now, e.g. `1h` (default)',
          start: 'RFC 3339 or Unix time',
          end: 'RFC 3339 or Unix time (default now)',
          step: 'Bucket size, e.g. `1m` (at least 10 s; default: the range in about 120 points)',
        }),
        responses: {
          '200': json('Series of [bucketStartMs, value] points per metric', {
            series: 'array',
            stepMs: 'integer',
          }),
          ...errors('404', '422'),
        },
      },
    },
  },
};
