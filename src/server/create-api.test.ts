import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/index.js';
import type { ApiDeps } from './api-deps.js';
import { apiKit, testToken as token, type ApiKit } from './api-test-kit.js';

let kit: ApiKit;
let store: Store;
let api: ApiKit['api'];
const triggered: string[] = [];

beforeEach(async () => {
  const orchestrator: ApiDeps['orchestrator'] = {
    status: () => Promise.reject(new Error('not used')),
    trigger: (app) => void triggered.push(app),
    down: () => Promise.resolve({ removedNetworks: [], removedVolumes: [] }),
    reconcile: () => Promise.resolve(),
  };
  // The kit's engine is at a socket that does not exist: these tests must never reach Docker.
  kit = await apiKit({ orchestrator });
  store = kit.store;
  api = kit.api;
});

afterEach(() => kit.close());

const auth = { authorization: `Bearer ${token}` };

describe('the HTTP API', () => {
  it.each([
    ['no header', {}],
    ['a wrong token', { authorization: 'Bearer nope' }],
    ['a non-bearer scheme', { authorization: `Basic ${token}` }],
  ])('refuses a request with %s (401, BERTH_UNAUTHORIZED)', async (_label, headers) => {
    const res = await api.request('/api/v1/apps', { headers });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'BERTH_UNAUTHORIZED' } });
  });

  it('serves the OpenAPI document without a token, describing the deploy body', async () => {
    const res = await api.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/apps', '/apps/{app}', '/apps/{app}/releases', '/apps/{app}/logs']),
    );
    expect(doc.components.schemas['DeployRequest']).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['composeFile', 'projectDir']),
    });
  });

  it('lists no apps on a fresh store', async () => {
    const res = await api.request('/api/v1/apps', { headers: auth });
    expect(await res.json()).toEqual({ apps: [] });
  });

  it('answers 404 with BERTH_APP_NOT_FOUND for an unknown app', async () => {
    const res = await api.request('/api/v1/apps/ghost/releases', { headers: auth });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'BERTH_APP_NOT_FOUND', hint: expect.any(String) },
    });
  });

  it('validates the deploy body and names each bad field', async () => {
    const res = await api.request('/api/v1/apps', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ composeFile: { path: 'c.yaml' }, projectDir: 'relative', extra: 1 }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('BERTH_BAD_REQUEST');
    expect(body.error.message).toContain('composeFile.content');
    expect(body.error.message).toContain('projectDir: must be an absolute path');
  });

  it('validates the Compose file on the server too, with its position, and records nothing', async () => {
    const res = await api.request('/api/v1/apps', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        composeFile: {
          path: '/srv/shop/compose.yaml',
          content: 'services:\n  web:\n    image: x\n    privileged: true\n',
        },
        projectDir: '/srv/shop',
      }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'BERTH_COMPOSE_UNSUPPORTED_KEY',
        position: { file: '/srv/shop/compose.yaml', line: 4, column: 5 },
      },
    });
    expect(store.releases.listApps()).toEqual([]);
    expect(triggered).toEqual([]);
  });

  it('answers unknown routes with a JSON error', async () => {
    const res = await api.request('/api/v1/nope', { headers: auth });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'BERTH_ROUTE_NOT_FOUND' } });
  });
});
