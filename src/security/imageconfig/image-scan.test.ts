// End to end over a real `docker save` archive: the predicates work with collectFiles and the checks with
// its output. The fixture builder is the image folder's test helper (test-only import across folders).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerArchiveOf, tarOf } from '../image/testing/image-fixtures.js';
import { collectFiles, openImage } from '../image/index.js';
import { findSecretsInFiles, secretWanted, toFindings } from '../secrets/index.js';
import { checkImageConfig } from './check-image-config.js';
import { imageConfigWanted } from './image-config-wanted.js';

const token = `ghp_${'q7Rk2mZx9Lw4'.repeat(3)}`;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('image scan with secretWanted and imageConfigWanted', () => {
  it('finds a secret in a layer file and setuid, cache and credential files', async () => {
    const base = await tarOf([
      { name: 'usr/bin/su', data: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]), mode: 0o4755 },
      { name: 'etc/shadow', data: 'root:*:19000:0:99999:7:::\n', mode: 0o640 },
      { name: 'var/lib/apt/lists/deb.debian.org_InRelease', data: 'Origin: Debian\n' },
      { name: 'usr/share/doc/demo/example.env', data: `TOKEN=${token}\n` },
    ]);
    const app = await tarOf([
      { name: 'srv/app/.env', data: `NODE_ENV=production\nGITHUB_TOKEN=${token}\n` },
      { name: 'srv/app/logo.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]) },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'berth-imageconfig-'));
    dirs.push(dir);
    const path = join(dir, 'image.tar');
    writeFileSync(path, await dockerArchiveOf({ layers: [base, app], config: { history: [] } }));

    const handle = await openImage({ kind: 'docker-archive', path });
    const secrets = await collectFiles(handle, secretWanted);
    const findings = toFindings(findSecretsInFiles(secrets.files));
    expect(findings).toEqual([
      expect.objectContaining({ id: 'github-pat', location: { file: 'srv/app/.env', line: 2, column: 14 } }),
    ]);
    expect(JSON.stringify(findings)).not.toContain(token);

    const collected = await collectFiles(
      await openImage({ kind: 'docker-archive', path }),
      imageConfigWanted,
    );
    const files = [...collected.files].map(([file, f]) => ({
      path: file,
      mode: f.mode,
      size: f.data.length,
    }));
    const ids = checkImageConfig(collected.config, files).map((f) =>
      `${f.id} ${f.location?.file ?? ''}`.trim(),
    );
    expect(ids.sort()).toEqual(
      [
        'CIS-DI-0001',
        'CIS-DI-0006',
        'CIS-DI-0008 usr/bin/su',
        'CIS-DI-0010 srv/app/.env',
        'DKL-DI-0005 var/lib/apt/lists/',
      ].sort(),
    );
  });
});
