import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKit, type ApiKit } from './api-test-kit.js';
import { exampleRequest, openApiDocument, operationsOf } from './openapi/index.js';

/**
 * Routes registered on the app that are not API operations, each with why. Everything else the app
 * routes must be in the document, and everything in the document must be routed.
 */
const notApiRoutes: Record<string, string> = {
  'GET /*':
    'the dashboard’s static files (dashboard.ts): public, hold no data, and read everything through the API',
};

const doc = openApiDocument('0.0.0-test');
const operations = operationsOf(doc);
const key = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

let kit: ApiKit;
beforeAll(async () => {
  kit = await apiKit();
});
afterAll(() => kit.close());

/** Method and path of every handler registered on the app; middleware (`use`, method ALL on `...*`) is not a route. */
function registeredRoutes(): string[] {
  const routes = kit.api.routes
    .filter((r) => !(r.method === 'ALL' && r.path.endsWith('*')))
    .map((r) => key(r.method, r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')));
  return [...new Set(routes)].sort();
}

describe('the OpenAPI document', () => {
  it('is the document the daemon serves at /api/v1/openapi.json', async () => {
    const res = await kit.api.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('describes every route registered on the app, and no route that does not exist', () => {
    const routed = registeredRoutes().filter((r) => notApiRoutes[r] === undefined);
    const documented = operations.map((o) => key(o.method, o.url)).sort();
    // Both lists at once, so one failure names every route that drifted either way.
    expect({
      'served but not described': routed.filter((r) => !documented.includes(r)),
      'described but not served': documented.filter((d) => !routed.includes(d)),
    }).toEqual({ 'served but not described': [], 'described but not served': [] });
    expect(routed.length).toBeGreaterThanOrEqual(50);
  });

  it('lists as non-API only routes the app really registers', () => {
    const routes = registeredRoutes();
    expect(Object.keys(notApiRoutes).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('resolves every $ref inside the document', () => {
    const refs: string[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === '$ref' && typeof v === 'string') refs.push(v);
          else collect(v);
        }
      }
    };
    collect(doc);
    const resolves = (ref: string): boolean =>
      ref.startsWith('#/') &&
      ref
        .slice(2)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce<unknown>(
          (node, part) =>
            node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
          doc,
        ) !== undefined;
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((r) => !resolves(r))).toEqual([]);
  });

  it.each(operations.map((o) => [key(o.method, o.url), o] as const))(
    '%s declares each path parameter of its path, with an example, and no other',
    (_name, op) => {
      const inPath = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = op.parameters.filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort()).toEqual(inPath);
      expect(declared.every((p) => p.required === true && p.example !== undefined)).toBe(true);
    },
  );

  it.each(operations.map((o) => [key(o.method, o.url), o] as const))(
    '%s has a summary, a success answer and an x-berth-role',
    (_name, { operation }) => {
      expect(operation.summary.length).toBeGreaterThan(5);
      expect(Object.keys(operation.responses).some((s) => /^2\d\d$/.test(s))).toBe(true);
      expect(['viewer', 'deployer', 'admin', 'public', 'signature']).toContain(operation['x-berth-role']);
    },
  );

  it('has request body examples that are valid for their schemas', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    // ajv-formats is CommonJS; under NodeNext its default import is the module object.
    (addFormatsPlugin as unknown as { default: (a: Ajv2020) => void }).default(ajv);
    const invalid: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const media = (
        op.operation.requestBody?.['content'] as Record<string, { schema: { $ref?: string } }>
      )?.['application/json'];
      const name = media?.schema.$ref?.replace('#/components/schemas/', '');
      if (name === undefined) continue;
      const validate = ajv.compile(doc.components.schemas[name] ?? {});
      checked++;
      if (!validate(exampleRequest(op).body))
        invalid.push(`${key(op.method, op.url)}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('asks for a bearer token exactly where the server does (401 without one)', async () => {
    const mismatches: string[] = [];
    for (const op of operations) {
      const call = exampleRequest(op);
      const res = await kit.api.request(call.path, {
        method: call.method,
        headers: { 'content-type': 'application/json' },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      });
      const text = await res.text();
      const refused = res.status === 401 && text.includes('missing Authorization: Bearer header');
      const open = (op.operation.security as unknown[] | undefined)?.length === 0;
      if (refused === open)
        mismatches.push(
          `${key(op.method, op.url)} (document: ${open ? 'no token' : 'token'}, server: ${res.status})`,
        );
    }
    expect(mismatches).toEqual([]);
  });
});
