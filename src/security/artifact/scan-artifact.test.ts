import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OsvRecord } from '../vulndb/osv-record-schema.js';
import { VulnDb } from '../vulndb/vuln-db.js';
import { scanFilesystem } from './scan-artifact.js';

const root = mkdtempSync(join(tmpdir(), 'berth-scan-artifact-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const token = `ghp_${'aB3dE5gH7jK9'.repeat(3)}`;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('scanFilesystem', () => {
  write('etc/os-release', 'ID=debian\nVERSION_ID="12"\n');
  write(
    'var/lib/dpkg/status',
    'Package: acme-agent\nStatus: install ok installed\nVersion: 1.0-1\nDescription: agent\n long text\n',
  );
  // Read for the SBOM (file ownership), but not a place for credentials: not searched for secrets.
  write('var/lib/dpkg/info/acme-agent.list', `/.\n/opt/acme/${token}\n/opt/acme/GITHUB_TOKEN=${token}\n`);
  // A maintainer script beside it is searched.
  write('var/lib/dpkg/info/acme-agent.postinst', `#!/bin/sh\nexport GITHUB_TOKEN=${token}\n`);
  write('srv/app/.env', `GITHUB_TOKEN=${token}\n`);

  it('reports secrets only in files chosen for the secret search, with the OS packages', async () => {
    const scan = await scanFilesystem(root, join(root, 'no-such-db.sqlite'));
    expect(scan.sbom.packages.map((p) => `${p.ecosystem} ${p.name} ${p.version}`)).toEqual([
      'Debian:12 acme-agent 1.0-1',
    ]);
    expect(scan.findings.map((f) => `${f.id} ${f.location?.file}`).sort()).toEqual([
      'github-pat srv/app/.env',
      'github-pat var/lib/dpkg/info/acme-agent.postinst',
    ]);
    expect(scan.warnings).toEqual([expect.stringContaining('no vulnerability database')]);
  });
});

describe('scanFilesystem with vulnerability data', () => {
  const v4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'; // 9.3 (FIRST examples)
  const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'; // 9.8
  const affecting = (id: string, extra: Partial<OsvRecord>): OsvRecord => ({
    id,
    modified: new Date().toISOString(),
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'acme-agent' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-2' }] }],
      },
    ],
    ...extra,
  });
  const dbPath = join(root, 'vulndb.sqlite');
  const db = new VulnDb(dbPath);
  db.write([
    { record: affecting('BERTH-TEST-V4', { severity: [{ type: 'CVSS_V4', score: v4 }] }), source: 'test' },
    {
      record: affecting('BERTH-TEST-GHSA', {
        severity: [{ type: 'CVSS_V3', score: v31 }],
        database_specific: { severity: 'LOW' },
      }),
      source: 'test',
    },
  ]);
  db.close();

  it('scores a CVSS v4 vector and rates the finding by it when the advisory states no severity', async () => {
    const scan = await scanFilesystem(root, dbPath);
    expect(scan.findings.find((f) => f.id === 'BERTH-TEST-V4')).toMatchObject({
      kind: 'vulnerability',
      severity: 'critical',
      cvss: { version: '4.0', vector: v4, score: 9.3 },
      fix: 'upgrade acme-agent to 1.0-2 or later',
    });
  });

  it("keeps the advisory's own severity over its CVSS score, and still shows the score", async () => {
    const scan = await scanFilesystem(root, dbPath);
    expect(scan.findings.find((f) => f.id === 'BERTH-TEST-GHSA')).toMatchObject({
      severity: 'low',
      cvss: { version: '3.1', vector: v31, score: 9.8 },
    });
  });
});
