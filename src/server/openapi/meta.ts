import { json, type ApiArea } from './operation-parts.js';

/** The server's own endpoints (create-api.ts). */
export const metaArea: ApiArea = {
  schemas: {},
  paths: {
    '/version': {
      get: {
        summary: 'Berth and Docker Engine versions (`engine` is null when Docker cannot be reached)',
        responses: { '200': json('Versions', { berth: 'string', engine: 'object' }) },
      },
    },
    '/openapi.json': {
      get: {
        summary: 'This document',
        security: [],
        'x-berth-role': 'public',
        responses: { '200': json('The OpenAPI 3.1 document', { openapi: 'string', paths: 'object' }) },
      },
    },
  },
};
