import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles, openImage } from '../image/index.js';
import { extractSbom } from './extract-sbom.js';
import type { Sbom } from './sbom-types.js';
import { sbomWanted } from './sbom-wanted.js';
import { inlineGoBinary, sampleModinfo } from './testing/go-fixtures.js';

// End to end through the local Docker Engine: an image built here from a rootfs (`docker import`) plus a
// `docker build` layer that deletes and replaces files, so the whiteouts are Docker's own.
const base = 'berth-test/sbom-base:1';
const app = 'berth-test/sbom-app:1';
const label = 'dev.berth.test=sbom';
const docker = (args: string[], input?: string): string =>
  execFileSync('docker', args, {
    encoding: 'utf8',
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(input === undefined ? {} : { input }),
  });
const removeImages = (): void => {
  for (const image of [app, base]) {
    try {
      docker(['image', 'rm', '-f', image]);
    } catch {
      // absent already
    }
  }
};

const work = mkdtempSync(join(tmpdir(), 'berth-sbom-image-'));
let sbom: Sbom;
let diffIds: string[];

function put(root: string, path: string, content: string | Buffer, mode = 0o644): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
  chmodSync(join(root, path), mode);
}

describe('SBOM of an image in the Docker Engine', () => {
  it('has what it needs: busybox-static and a dpkg status file on this machine', () => {
    expect(existsSync('/bin/busybox') && existsSync('/var/lib/dpkg/status')).toBe(true);
  });

  beforeAll(async () => {
    removeImages();
    const root = join(work, 'rootfs');
    mkdirSync(join(root, 'bin'), { recursive: true });
    copyFileSync('/bin/busybox', join(root, 'bin/busybox'));
    chmodSync(join(root, 'bin/busybox'), 0o755);
    for (const applet of ['sh', 'rm', 'mkdir']) symlinkSync('busybox', join(root, 'bin', applet));
    put(root, 'etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n');
    put(root, 'var/lib/dpkg/status', readFileSync('/var/lib/dpkg/status'));
    put(
      root,
      'app/package-lock.json',
      JSON.stringify({
        lockfileVersion: 3,
        packages: { '': { name: 'app' }, 'node_modules/ms': { version: '2.1.3' } },
      }),
    );
    put(root, 'opt/node_modules/old-pkg/package.json', '{"name":"old-pkg","version":"1.0.0"}');
    put(
      root,
      'usr/local/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA',
      'Name: requests\nVersion: 2.31.0\n',
    );
    put(
      root,
      'usr/local/lib/python3.11/site-packages/removed-1.0.dist-info/METADATA',
      'Name: removed\nVersion: 1.0\n',
    );
    put(root, 'usr/local/bin/app', inlineGoBinary('go1.21.5', sampleModinfo, 200_000), 0o755);
    const tar = join(work, 'rootfs.tar');
    execFileSync('tar', ['-C', root, '-cf', tar, '.']);
    docker(['import', '--change', 'ENV PATH=/bin', '--change', `LABEL ${label}`, tar, base]);
    docker(
      ['build', '-q', '--label', label, '-t', app, '-'],
      [
        `FROM ${base}`,
        'RUN rm -rf /usr/local/lib/python3.11/site-packages/removed-1.0.dist-info /opt/node_modules && ' +
          'mkdir -p /opt/node_modules/new-pkg && echo \'{"name":"new-pkg","version":"2.0.0"}\' > /opt/node_modules/new-pkg/package.json',
      ].join('\n'),
    );
    diffIds = JSON.parse(
      docker(['image', 'inspect', app, '--format', '{{json .RootFS.Layers}}']),
    ) as string[];
    const { files } = await collectFiles(await openImage({ kind: 'engine', ref: app }), sbomWanted);
    sbom = await extractSbom(files);
  }, 120_000);

  afterAll(() => {
    removeImages();
    rmSync(work, { recursive: true, force: true });
  });

  const rows = (ecosystem: string): string[] =>
    sbom.packages
      .filter((p) => p.ecosystem === ecosystem)
      .map((p) => `${p.name}@${p.version} ${p.locations.join()}`);

  it('lists every dpkg package dpkg-query reports, in Debian:12, from the base layer', () => {
    const installed = execFileSync('dpkg-query', ['-W', '-f', '${db:Status-Status}\n'], { encoding: 'utf8' })
      .split('\n')
      .filter((s) => s === 'installed').length;
    const debian = sbom.packages.filter((p) => p.ecosystem === 'Debian:12');
    expect(debian).toHaveLength(installed);
    expect(new Set(debian.map((p) => p.layer))).toEqual(new Set([diffIds[0]]));
  });

  it("applies the build layer's deletions and reads its new files", () => {
    expect(rows('npm')).toEqual([
      'ms@2.1.3 app/package-lock.json',
      'new-pkg@2.0.0 opt/node_modules/new-pkg/package.json',
    ]);
    expect(sbom.packages.find((p) => p.name === 'new-pkg')?.layer).toBe(diffIds[1]);
    expect(rows('PyPI')).toEqual([
      'requests@2.31.0 usr/local/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA',
    ]);
  });

  it('reads Go modules from the Go binary and nothing from busybox', () => {
    expect(rows('Go')).toEqual([
      'example.com/app@v1.4.0 usr/local/bin/app',
      'github.com/fork/lib@v1.0.1-fix usr/local/bin/app',
      'golang.org/x/net@v0.17.0 usr/local/bin/app',
      'k8s.io/api@v0.0.0 usr/local/bin/app',
      'stdlib@1.21.5 usr/local/bin/app',
    ]);
    expect(sbom.unscanned).toEqual([]);
  });
});
