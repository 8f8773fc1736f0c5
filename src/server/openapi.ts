import { z } from 'zod';
import { DeployRequestSchema, RollbackRequestSchema, ScaleRequestSchema } from './api-schemas.js';

const json = (description: string, schema: object = { type: 'object' }): object => ({
  description,
  content: { 'application/json': { schema } },
});
const errorRef = { $ref: '#/components/schemas/Error' };
const errors = {
  '401': json('Missing or invalid bearer token', errorRef),
  '404': json('No such app, release or service', errorRef),
  '422': json('Invalid input (Compose errors carry file, line and column)', errorRef),
};
const appParam = { name: 'app', in: 'path', required: true, schema: { type: 'string' } };

/** The OpenAPI 3.1 document served at /api/v1/openapi.json; request schemas come from the zod schemas. */
export function openApiDocument(version: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Berth API',
      version,
      description: 'Deploy and run Compose apps. Every call needs `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: 'Stable code, see docs/errors.md' },
                message: { type: 'string' },
                hint: { type: 'string' },
                position: {
                  type: 'object',
                  properties: {
                    file: { type: 'string' },
                    line: { type: 'integer' },
                    column: { type: 'integer' },
                  },
                },
              },
            },
          },
        },
        DeployRequest: z.toJSONSchema(DeployRequestSchema, { io: 'input' }),
        ScaleRequest: z.toJSONSchema(ScaleRequestSchema, { io: 'input' }),
        RollbackRequest: z.toJSONSchema(RollbackRequestSchema, { io: 'input' }),
      },
    },
    paths: {
      '/version': {
        get: { summary: 'Berth and Docker Engine versions', responses: { '200': json('Versions') } },
      },
      '/apps': {
        get: {
          summary: 'Every deployed app with its status',
          responses: { '200': json('Apps'), '401': errors['401'] },
        },
        post: {
          summary: 'Create a release from a Compose file (berth up)',
          description:
            'With `Accept: application/x-ndjson` the answer streams `{progress}` lines, then `{release}` or `{error}`.',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/DeployRequest' } } },
          },
          responses: {
            '201': json('The new release'),
            ...errors,
            '409': json('Admission or port conflict', errorRef),
          },
        },
      },
      '/apps/{app}': {
        parameters: [appParam],
        get: {
          summary: 'Services and replicas with state, readiness and restarts',
          responses: { '200': json('Status'), ...errors },
        },
        delete: {
          summary: 'Remove containers and networks (volumes with ?volumes=1)',
          parameters: [{ name: 'volumes', in: 'query', schema: { type: 'boolean' } }],
          responses: { '200': json('What was removed'), ...errors },
        },
      },
      '/apps/{app}/scale': {
        parameters: [appParam],
        post: {
          summary: 'Change replica counts (creates a release)',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ScaleRequest' } } },
          },
          responses: { '201': json('The new release'), ...errors },
        },
      },
      '/apps/{app}/rollback': {
        parameters: [appParam],
        post: {
          summary: 'Restore a release (default: the newest one that was ever ready) as a new release',
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/RollbackRequest' } } },
          },
          responses: { '201': json('The new release and the number it restores'), ...errors },
        },
      },
      '/scans': {
        get: {
          summary: 'Stored image scan reports (newest first)',
          responses: { '200': json('Scans'), '401': errors['401'] },
        },
        post: {
          summary:
            'Scan an image of the local engine (SBOM, vulnerabilities, secrets, configuration) and store the report',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', required: ['image'], properties: { image: { type: 'string' } } },
              },
            },
          },
          responses: { '201': json('The report'), ...errors },
        },
      },
      '/scans/{imageId}': {
        parameters: [{ name: 'imageId', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          summary: 'A stored report; re-matched against the vulnerability database when it changed since',
          responses: { '200': json('The report'), ...errors },
        },
      },
      '/apps/{app}/releases': {
        parameters: [appParam],
        get: { summary: 'Releases, newest first', responses: { '200': json('Releases'), ...errors } },
      },
      '/apps/{app}/releases/{number}': {
        parameters: [appParam, { name: 'number', in: 'path', required: true, schema: { type: 'integer' } }],
        get: {
          summary: 'One release with its full spec and image ids',
          responses: { '200': json('Release'), ...errors },
        },
      },
      '/apps/{app}/events': {
        parameters: [
          appParam,
          {
            name: 'after',
            in: 'query',
            schema: { type: 'integer' },
            description: 'Only events with a larger id (for following)',
          },
          { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 1000 } },
        ],
        get: {
          summary: 'Recent events (restarts, probe failures, releases)',
          responses: { '200': json('Events'), ...errors },
        },
      },
      '/apps/{app}/logs': {
        parameters: [
          appParam,
          { name: 'service', in: 'query', schema: { type: 'string' } },
          { name: 'follow', in: 'query', schema: { type: 'boolean' } },
          { name: 'tail', in: 'query', schema: { type: 'integer' } },
        ],
        get: {
          summary: 'Container output as NDJSON lines {replica, service, stream, line}',
          responses: {
            '200': {
              description: 'Log lines',
              content: { 'application/x-ndjson': { schema: { type: 'object' } } },
            },
            ...errors,
          },
        },
      },
      '/apps/{app}/metrics': {
        parameters: [
          appParam,
          { name: 'service', in: 'query', schema: { type: 'string' } },
          { name: 'since', in: 'query', schema: { type: 'string', example: '1h' } },
          { name: 'start', in: 'query', schema: { type: 'string', description: 'RFC 3339 or Unix time' } },
          { name: 'end', in: 'query', schema: { type: 'string' } },
          { name: 'step', in: 'query', schema: { type: 'string', example: '1m' } },
          { name: 'by', in: 'query', schema: { type: 'string', enum: ['replica', 'service'] } },
        ],
        get: {
          summary: 'CPU (cores), memory (bytes), network and block I/O (bytes/s) per replica or service',
          responses: { '200': json('Series of [bucketStartMs, value] points per metric'), ...errors },
        },
      },
    },
  };
}
