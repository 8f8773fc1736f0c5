import { lokiPushRequestSchema } from '../../logs/ingest/index.js';
import { LogsQuerySchema } from '../api-schemas.js';
import { DeleteSchema, QueryRangeSchema, TailSchema } from '../routes/log-query.js';
import { PatternsQuerySchema } from '../routes/patterns.js';
import {
  appParam,
  errors,
  fromZod,
  json,
  jsonBody,
  pathParam,
  queryParams,
  stream,
  type Operation,
  type ApiArea,
} from './operation-parts.js';

const rangeHelp = {
  since: 'A duration back from now, e.g. `15m` (default `1h`)',
  start: 'RFC 3339 or Unix time',
  end: 'RFC 3339 or Unix time (default now)',
};

const push = (summary: string): Operation => ({
  summary,
  description:
    'Loki push JSON (`Content-Encoding: gzip` allowed, 10 MB decompressed); protobuf is not supported.',
  requestBody: jsonBody('LokiPushRequest', {
    streams: [{ stream: { app: 'shop', service: 'web' }, values: [['1767225600000000000', 'GET / 200']] }],
  }),
  responses: { '204': { description: 'Stored' }, ...errors('413', '422') },
});

/** Container output, the LogQL API, patterns, alerts and the Loki push paths (routes/logs.ts, log-query.ts). */
export const logsArea: ApiArea = {
  schemas: { DeleteLogsRequest: fromZod(DeleteSchema), LokiPushRequest: fromZod(lokiPushRequestSchema()) },
  paths: {
    '/apps/{app}/logs': {
      parameters: [appParam],
      get: {
        summary: 'Container output as NDJSON lines {replica, service, stream, line}',
        parameters: queryParams(LogsQuerySchema, {
          service: 'Only this service',
          follow: 'Keep the answer open and stream new lines',
          tail: 'Start with the last N lines of each replica',
        }),
        responses: { '200': stream('Log lines', 'application/x-ndjson'), ...errors('404', '422') },
      },
    },
    '/apps/{app}/patterns': {
      parameters: [appParam],
      get: {
        summary: 'Log templates mined from the app’s lines, with counts',
        parameters: queryParams(PatternsQuerySchema, rangeHelp),
        responses: {
          '200': json('Patterns', { total: 'integer', patterns: 'array' }),
          ...errors('404', '422'),
        },
      },
    },
    '/apps/{app}/alerts': {
      parameters: [appParam],
      get: {
        summary: 'States of the app’s log alert rules',
        responses: { '200': json('Alerts', { alerts: 'array' }), ...errors('404') },
      },
    },
    '/logs/query_range': {
      get: {
        summary: 'Run a LogQL query over a time range (log lines or metric series)',
        parameters: queryParams(QueryRangeSchema, { query: 'LogQL', app: 'Only this app', ...rangeHelp }),
        responses: {
          '200': json('`streams` (entries) or `matrix` (series) result', {
            resultType: 'string',
            scanned: 'integer',
          }),
          ...errors('404', '422'),
        },
      },
    },
    '/logs/tail': {
      get: {
        summary: 'Live tail of a LogQL query (Server-Sent Events: `ready`, then `entry` events)',
        parameters: queryParams(TailSchema, { query: 'LogQL', app: 'Only this app' }),
        responses: { '200': stream('Entries as they arrive', 'text/event-stream'), ...errors('404', '422') },
      },
    },
    '/logs/labels': {
      get: {
        summary: 'Label names in the log store',
        responses: { '200': json('Label names', { labels: 'array' }) },
      },
    },
    '/logs/labels/{name}/values': {
      parameters: [pathParam('name', 'Label name', 'service')],
      get: {
        summary: 'Values of one label',
        responses: { '200': json('Values', { name: 'string', values: 'array' }) },
      },
    },
    '/logs/stats': {
      get: { summary: 'Size and counts of the log store', responses: { '200': json('Statistics') } },
    },
    '/logs/delete': {
      post: {
        summary: 'Delete the lines a LogQL selector matches in a time range',
        requestBody: jsonBody('DeleteLogsRequest', {
          query: '{app="shop"}',
          start: '2026-01-01T00:00:00Z',
          end: '2026-01-02T00:00:00Z',
        }),
        responses: { '200': json('What was deleted'), ...errors('422') },
      },
    },
    '/logs/push': { post: push('Push log lines (Loki push API)') },
    '/loki/api/v1/push': {
      // Loki's own path, outside /api/v1, so Promtail, Vector and Fluent Bit work unchanged.
      servers: [{ url: '/' }],
      post: push('Push log lines at Loki’s path'),
    },
  },
};
