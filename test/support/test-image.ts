import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync, rmSync, symlinkSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A 2 MB image built from Debian's busybox-static: sh, httpd, wget, nc; never pulled from a registry. */
export const testImage = 'berth-test/busybox:1';

const applets = [
  'sh',
  'httpd',
  'wget',
  'nc',
  'sleep',
  'echo',
  'cat',
  'kill',
  'ls',
  'mkdir',
  'true',
  'false',
  'env',
  'ps',
  'rm',
  'touch',
  'test',
  'date',
  'id',
  'hostname',
  'seq',
];

const docker = (args: string[]): string =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Builds the test image with `docker import` unless it exists. */
export function ensureTestImage(): void {
  try {
    docker(['image', 'inspect', testImage]);
    return;
  } catch {
    // not present: build it below
  }
  const root = mkdtempSync(join(tmpdir(), 'berth-rootfs-'));
  try {
    mkdirSync(join(root, 'bin'));
    mkdirSync(join(root, 'tmp'));
    mkdirSync(join(root, 'www'));
    copyFileSync('/bin/busybox', join(root, 'bin/busybox'));
    chmodSync(join(root, 'bin/busybox'), 0o755);
    for (const applet of applets) symlinkSync('busybox', join(root, 'bin', applet));
    execFileSync('sh', ['-c', `echo ok > ${join(root, 'www/index.html')}`]);
    const tar = join(root, '..', `${root.split('/').pop() ?? 'rootfs'}.tar`);
    execFileSync('tar', ['-C', root, '-cf', tar, '.']);
    docker(['import', '--change', 'ENV PATH=/bin', '--change', 'CMD ["sh"]', tar, testImage]);
    rmSync(tar, { force: true });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
