import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/security/index.js';
import { berth } from '../support/berth-process.js';
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
