import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthError } from '../../errors/index.js';
import { scanDirectory } from './scan-directory.js';

const root = mkdtempSync(join(tmpdir(), 'berth-scan-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  mkdirSync(join(root, 'etc'));
  mkdirSync(join(root, 'app/node_modules/left-pad'), { recursive: true });
  writeFileSync(join(root, 'etc/os-release'), 'ID=debian\n');
  writeFileSync(
    join(root, 'app/node_modules/left-pad/package.json'),
    '{"name":"left-pad","version":"1.3.0"}',
  );
  writeFileSync(join(root, 'app/big.bin'), Buffer.alloc(2048));
  writeFileSync(join(root, 'app/tool'), 'BIN');
  chmodSync(join(root, 'app/tool'), 0o755);
  symlinkSync('/etc/passwd', join(root, 'etc/passwd'));
});

describe('scanDirectory', () => {
  it('collects the wanted files with relative paths and modes, without following symlinks', async () => {
    const { files, skipped } = await scanDirectory(
      root,
      (path) => path !== 'app/big.bin' && path !== 'etc/passwd',
    );
    expect([...files.keys()].sort()).toEqual([
      'app/node_modules/left-pad/package.json',
      'app/tool',
      'etc/os-release',
    ]);
    expect(files.get('app/tool')?.mode).toBe(0o755);
    expect(files.get('app/tool')?.layer).toBeUndefined();
    expect(skipped).toEqual([]);
  });

  it('skips files above maxFileBytes and lists them', async () => {
    const { files, skipped } = await scanDirectory(root, (path) => path.startsWith('app/'), {
      maxFileBytes: 1024,
    });
    expect(files.has('app/big.bin')).toBe(false);
    expect(skipped).toEqual([{ path: 'app/big.bin', reason: 'too-large', size: 2048 }]);
  });

  it('says a missing directory is not found', async () => {
    const error = (await scanDirectory(join(root, 'nope'), () => true).catch(
      (e: unknown) => e,
    )) as BerthError;
    expect(error.code).toBe('BERTH_FILE_NOT_FOUND');
    expect(error.message).toContain('nope');
  });
});
