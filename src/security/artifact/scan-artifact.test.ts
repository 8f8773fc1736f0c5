import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
