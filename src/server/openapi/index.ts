import { appsArea } from './apps.js';
import { components } from './components.js';
import { logsArea } from './logs.js';
import { metaArea } from './meta.js';
import type { ApiArea, Json, PathItem } from './operation-parts.js';
import { operationsOf } from './operations.js';
import { pipelinesArea } from './pipelines.js';
import { annotateRoles } from './roles.js';
import { securityArea } from './security.js';
import { usersArea } from './users.js';

export type { BerthRole, HttpMethod, Operation, Parameter, PathItem } from './operation-parts.js';
export { exampleRequest, type ExampleRequest } from './example-request.js';
export { operationsOf, type DocumentedOperation } from './operations.js';
export { minimumRole } from './roles.js';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Json;
  servers: { url: string }[];
  security: Json[];
  components: { schemas: Record<string, Json> } & Json;
  paths: Record<string, PathItem>;
}

const areas: readonly ApiArea[] = [metaArea, appsArea, logsArea, pipelinesArea, securityArea, usersArea];

/** One path may be described by two areas (e.g. /apps/{app} routes in two files), but not one method twice. */
function mergePaths(): Record<string, PathItem> {
  const paths: Record<string, PathItem> = {};
  for (const area of areas) {
    for (const [path, item] of Object.entries(area.paths)) {
      const known = paths[path];
      const twice = known ? Object.keys(item).filter((k) => k !== 'parameters' && k in known) : [];
      if (twice.length > 0) throw new Error(`OpenAPI: ${path} ${twice.join(', ')} is described twice`);
      paths[path] = { ...known, ...item };
    }
  }
  return paths;
}

/**
 * The OpenAPI 3.1 document served at /api/v1/openapi.json: every route the daemon serves (a test
 * compares it with the routes registered on the app), request schemas generated from the zod schemas
 * the routes validate with, and on every operation `x-berth-role`, the least role it needs, read from
 * the same `authorize` table the server checks calls with.
 *
 * @example
 * const doc = openApiDocument('0.1.0');
 * doc.paths['/apps/{app}/scale']?.post?.['x-berth-role']; // 'deployer'
 */
export function openApiDocument(version: string): OpenApiDocument {
  const doc: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'Berth API',
      version,
      description:
        'Deploy and run Compose apps. Calls need `Authorization: Bearer <token>` (or the browser session cookie with `X-CSRF-Token` on mutating calls). `x-berth-role` on each operation is the least role it needs: viewer, deployer or admin; `public` needs no token, `signature` a forge signature.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }, { session: [] }],
    components: components(Object.assign({}, ...areas.map((a) => a.schemas)) as Record<string, Json>),
    paths: structuredClone(mergePaths()),
  };
  annotateRoles(operationsOf(doc));
  return doc;
}
