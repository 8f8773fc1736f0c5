import { ReportQuerySchema, ScanRequestSchema } from '../routes/scans.js';
import { errors, fromZod, json, jsonBody, pathParam, queryParams, type ApiArea } from './operation-parts.js';

const report = { imageId: 'string', reference: 'string', summary: 'object', findings: 'array' } as const;

/** Image scans (routes/scans.ts). */
export const securityArea: ApiArea = {
  schemas: { ScanRequest: fromZod(ScanRequestSchema) },
  paths: {
    '/scans': {
      get: {
        summary: 'Stored image scan reports (newest first)',
        responses: { '200': json('Scans', { scans: 'array' }) },
      },
      post: {
        summary:
          'Scan an image of the local engine (SBOM, vulnerabilities, secrets, configuration) and store the report',
        requestBody: jsonBody('ScanRequest', { image: 'nginx:1.27' }),
        responses: { '201': json('The report', report), ...errors('422', '503') },
      },
    },
    '/scans/{imageId}': {
      parameters: [pathParam('imageId', 'Image id, with or without `sha256:`', 'sha256:3f57d9401f8d')],
      get: {
        summary: 'A stored report; re-matched against the vulnerability database when it changed since',
        parameters: queryParams(ReportQuerySchema, {
          format: '`json` (the report), or the SBOM as a `cyclonedx` 1.6 or `spdx` 2.3 document to download',
        }),
        responses: { '200': json('The report', { ...report, rematched: 'boolean' }), ...errors('422') },
      },
    },
  },
};
