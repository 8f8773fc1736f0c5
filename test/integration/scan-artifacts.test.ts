import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/security/index.js';
import { berth, startDaemon, type Daemon } from '../support/berth-process.js';
import { docker } from '../support/docker-cli.js';

const osvPypi = fileURLToPath(new URL('../../../shared/datasets/osv/pypi/', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'berth-scan-home-'));
const env = { BERTH_HOME: home };
const image = `berth-test/scan-pypi:${process.pid}`;

/** A folder with one installed Python package, as pip leaves it. */
function pythonTree(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-scan-fs-'));
  const info = join(dir, 'usr/lib/python3/dist-packages', `AccessControl-${version}.dist-info`);
  mkdirSync(info, { recursive: true });
  writeFileSync(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: AccessControl\nVersion: ${version}\n`);
  return dir;
}

const scan = async (...args: string[]): Promise<ScanReport> => {
  const result = await berth(['scan', ...args, '--json'], { env });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ScanReport;
};

let vulnerable: string;
let fixed: string;

beforeAll(async () => {
  vulnerable = pythonTree('4.1');
  fixed = pythonTree('5.2');
  const update = await berth(['db', 'update', '--from', osvPypi, '--json'], { env, timeoutMs: 120_000 });
  expect(update.code, update.stderr).toBe(0);
  const tar = join(tmpdir(), `berth-scan-${process.pid}.tar`);
  execFileSync('tar', ['-C', vulnerable, '-cf', tar, '.']);
  docker('import', '--change', 'LABEL dev.berth.test=1', tar, image);
  rmSync(tar, { force: true });
});

afterAll(() => {
  for (const dir of [home, vulnerable, fixed]) if (dir) rmSync(dir, { recursive: true, force: true });
  try {
    docker('rmi', '-f', image);
  } catch {
    // not built
  }
});

describe('berth scan fs and image with the OSV database', () => {
  it('imports OSV records with berth db update and reports what it holds', async () => {
    const status = await berth(['db', 'status', '--json'], { env });
    const stats = JSON.parse(status.stdout) as { advisories: number; affected: Record<string, number> };
    expect(stats.advisories).toBeGreaterThan(2000);
    expect(stats.affected['PyPI']).toBeGreaterThan(2000);
  });

  it('finds the advisory of a vulnerable installed package, with the fixed version', async () => {
    const report = await scan('fs', vulnerable);
    expect(report.sbom?.packages).toEqual([
      expect.objectContaining({ ecosystem: 'PyPI', name: 'AccessControl', version: '4.1' }),
    ]);
    const finding = report.findings.find((f) => f.id === 'PYSEC-2021-335');
    expect(finding).toMatchObject({
      kind: 'vulnerability',
      severity: expect.any(String),
      fix: 'upgrade AccessControl to 4.3 or later',
    });
  });

  it('does not report that advisory for a fixed version', async () => {
    const report = await scan('fs', fixed);
    expect(report.findings.map((f) => f.id)).not.toContain('PYSEC-2021-335');
  });

  it('reads the same package from an image in the local Docker Engine', async () => {
    const report = await scan('image', image);
    expect(report.target).toEqual({ kind: 'image', name: image });
    expect(report.findings.map((f) => f.id)).toContain('PYSEC-2021-335');
  });

  it('finds a leaked token in a folder and never prints it', async () => {
    const token = `ghp_${'Zx9Kq2Lm7Np4Rt6Vw8Yb1Cd3Ef5Gh0Jk2Mn4P'.slice(0, 36)}`;
    writeFileSync(join(vulnerable, 'deploy.env'), `GITHUB_TOKEN=${token}\n`);
    const result = await berth(['scan', 'fs', vulnerable, '--json'], { env });
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report.findings.find((f) => f.kind === 'secret')).toMatchObject({
      id: 'github-pat',
      location: { file: 'deploy.env', line: 1 },
    });
    expect(result.stdout).not.toContain(token.slice(4));
  });

  it('checks the image configuration (Dockle rules)', async () => {
    const report = await scan('image', image);
    expect(report.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['CIS-DI-0001', 'CIS-DI-0006']));
  });

  it('fails with --fail-on when a finding reaches the threshold', async () => {
    const result = await berth(['scan', 'fs', vulnerable, '--fail-on', 'low'], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('PYSEC-2021-335');
  });
});

describe('image scans through the daemon API', () => {
  let daemon: Daemon;
  let token: string;
  beforeAll(async () => {
    daemon = await startDaemon({ home });
    token = readFileSync(join(home, 'admin.token'), 'utf8').trim();
  });
  afterAll(async () => {
    await daemon?.stop();
  });
  const api = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${daemon.url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });

  it('scans an image by reference and stores the report by image id', async () => {
    const res = await api('/scans', { method: 'POST', body: JSON.stringify({ image }) });
    expect(res.status).toBe(201);
    const report = (await res.json()) as { imageId: string; findings: { id: string }[]; rematched: boolean };
    expect(report.imageId).toMatch(/^sha256:/);
    expect(report.findings.map((f) => f.id)).toContain('PYSEC-2021-335');
    const again = (await (await api(`/scans/${report.imageId}`)).json()) as { rematched: boolean };
    expect(again.rematched).toBe(false);
  });

  it('re-matches the stored SBOM after the database is updated, without reading the image again', async () => {
    const list = (await (await api('/scans')).json()) as { scans: { imageId: string; dbVersion: string }[] };
    const before = list.scans[0];
    if (!before) throw new Error('no stored scan');
    const update = await berth(
      [
        'db',
        'update',
        '--from',
        fileURLToPath(new URL('../../../shared/datasets/osv/', import.meta.url)),
        '--json',
      ],
      { env, timeoutMs: 120_000 },
    );
    expect(update.code, update.stderr).toBe(0);
    const after = (await (await api(`/scans/${before.imageId}`)).json()) as {
      rematched: boolean;
      dbVersion: string;
      findings: { id: string }[];
    };
    expect(after.rematched).toBe(true);
    expect(after.dbVersion > before.dbVersion).toBe(true);
    expect(after.findings.map((f) => f.id)).toContain('PYSEC-2021-335');
  });

  it('refuses an image that is not on the engine', async () => {
    const res = await api('/scans', {
      method: 'POST',
      body: JSON.stringify({ image: 'berth-test/absent:9' }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'BERTH_IMAGE_NOT_FOUND' } });
  });
});
