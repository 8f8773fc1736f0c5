import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKit, testToken, type ApiKit } from '../api-test-kit.js';

/** Read-only calls added for the dashboard (issue 7): pipeline sources across apps and SBOM downloads. */
let kit: ApiKit;
beforeEach(async () => {
  kit = await apiKit();
});
afterEach(() => kit.close());

const call = (method: string, path: string, token: string, body?: unknown) =>
  Promise.resolve(
    kit.api.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );

describe('GET /api/v1/pipelines', () => {
  it('lists the apps with a pipeline source, without secrets, only those a scoped user may see', async () => {
    for (const app of ['shop', 'bank']) {
      const set = await call('PUT', `/api/v1/apps/${app}/pipeline`, testToken, {
        repoUrl: `https://git.example.com/${app}.git`,
        forge: 'github',
      });
      expect(set.status).toBe(200);
    }
    const all = (await (await kit.get('/api/v1/pipelines')).json()) as { pipelines: object[] };
    expect(all.pipelines).toEqual([
      expect.objectContaining({ app: 'bank', webhookSecretSet: true, webhookPath: '/hooks/bank/github' }),
      expect.objectContaining({ app: 'shop', repoUrl: 'https://git.example.com/shop.git', branch: 'main' }),
    ]);
    expect(JSON.stringify(all)).not.toMatch(/"webhookSecret"|"forgeToken"/);

    const password = 'scoped viewer password';
    await call('POST', '/api/v1/users', testToken, { name: 'vic', password, role: 'viewer', apps: ['shop'] });
    const login = await kit.api.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'vic', password }),
    });
    const { token } = (await login.json()) as { token: string };
    const scoped = (await (await call('GET', '/api/v1/pipelines', token)).json()) as {
      pipelines: { app: string }[];
    };
    expect(scoped.pipelines.map((p) => p.app)).toEqual(['shop']);
  });
});

describe('GET /api/v1/scans/{imageId}?format=', () => {
  beforeEach(() => {
    kit.store.scans.save({
      imageId: 'sha256:abc123',
      reference: 'shop-web:1',
      scannedAt: Date.parse('2026-11-26T10:00:00Z'),
      matchedAt: Date.parse('2026-11-26T10:00:00Z'),
      dbVersion: null,
      sbom: {
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'AccessControl',
            version: '4.1',
            purl: 'pkg:pypi/accesscontrol@4.1',
            locations: [],
          },
        ],
      },
      findings: [
        { kind: 'vulnerability', id: 'PYSEC-1', severity: 'high', title: 't', message: 'm' },
        { kind: 'vulnerability', id: 'PYSEC-2', severity: 'high', title: 't', message: 'm' },
        { kind: 'image-config', id: 'CIS-DI-0001', severity: 'medium', title: 't', message: 'm' },
      ],
      warnings: [],
    });
  });

  it('lists reports with their findings counted per severity', async () => {
    const { scans } = (await (await kit.get('/api/v1/scans')).json()) as { scans: object[] };
    expect(scans).toEqual([
      expect.objectContaining({
        imageId: 'sha256:abc123',
        reference: 'shop-web:1',
        summary: { critical: 0, high: 2, medium: 1, low: 0, info: 0 },
      }),
    ]);
  });

  it('downloads the stored SBOM as CycloneDX or SPDX, named after the image', async () => {
    const cdx = await kit.get('/api/v1/scans/abc123?format=cyclonedx');
    expect(cdx.status).toBe(200);
    expect(cdx.headers.get('content-disposition')).toBe('attachment; filename="shop-web_1.cdx.json"');
    expect(await cdx.json()).toMatchObject({
      bomFormat: 'CycloneDX',
      components: [expect.objectContaining({ name: 'AccessControl', purl: 'pkg:pypi/accesscontrol@4.1' })],
    });
    const spdx = await kit.get('/api/v1/scans/abc123?format=spdx');
    expect(await spdx.json()).toMatchObject({ spdxVersion: 'SPDX-2.3' });
  });

  it('answers the report by default and refuses an unknown format', async () => {
    expect(await (await kit.get('/api/v1/scans/abc123')).json()).toMatchObject({
      reference: 'shop-web:1',
      packages: 1,
    });
    const bad = await kit.get('/api/v1/scans/abc123?format=pdf');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BERTH_BAD_REQUEST');
  });
});

describe('GET /api/v1/apps/{app}/releases', () => {
  it('names the deploying pipeline run by the number users see, not its internal id', async () => {
    const manual = { event: 'manual', sender: 'ada', trusted: true } as const;
    kit.store.pipelines.createRun('other', manual);
    kit.store.pipelines.createRun('shop', manual);
    const run = kit.store.pipelines.createRun('shop', manual);
    kit.deployApp('shop');
    const first = kit.store.releases.list('shop')[0];
    if (!first) throw new Error('no release');
    kit.store.releases.create({
      spec: first.spec,
      images: {},
      reason: 'pipeline',
      projectDir: '/p',
      pipelineRun: run.id,
    });

    const body = (await (await kit.get('/api/v1/apps/shop/releases')).json()) as {
      releases: { number: number; pipelineRun: number | null; pipelineRunNumber: number | null }[];
    };

    expect(run.id).toBe(3);
    expect(body.releases.find((r) => r.number === 2)).toMatchObject({ pipelineRun: 3, pipelineRunNumber: 2 });
    expect(body.releases.find((r) => r.number === 1)).toMatchObject({
      pipelineRun: null,
      pipelineRunNumber: null,
    });
  });
});
