import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import { collectFiles } from './collect-files.js';
import type { CollectProgress, FileReducer, FileWanted } from './image-types.js';
import { openImage } from './open-image.js';
import { dockerArchiveOf, sha256, tarOf, type ArchiveOptions } from './testing/image-fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'berth-collect-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let base: Buffer;
let app: Buffer;

beforeAll(async () => {
  base = await tarOf([
    { name: './etc/', type: 'directory' },
    { name: './etc/os-release', data: 'ID=debian\nVERSION_ID="12"\n' },
    { name: './var/lib/dpkg/status', data: 'Package: base\n' },
    { name: './app/a.txt', data: 'a' },
    { name: './app/b.txt', data: 'b' },
    { name: './opt/cache/old.txt', data: 'old' },
    { name: './opt/cache/sub/deep.txt', data: 'deep' },
    { name: './usr/bin/tool', data: 'binary', mode: 0o755 },
    { name: './srv/data/kept.txt', data: 'kept' },
    { name: './lib/x.txt', data: 'x' },
  ]);
  app = await tarOf([
    { name: './app/.wh.a.txt' },
    { name: './opt/cache/.wh..wh..opq' },
    { name: './opt/cache/new.txt', data: 'new' },
    { name: './var/lib/dpkg/status', data: 'Package: base\n\nPackage: app\n' },
    { name: './usr/bin/tool', type: 'symlink', linkname: 'busybox' },
    { name: './srv/.wh.data' },
    { name: './lib', type: 'symlink', linkname: 'usr/lib' },
    { name: './app/.wh..wh.plnk/1.2' },
  ]);
});

const everything = (): boolean => true;

async function collect(name: string, archive: Buffer, wanted: FileWanted = everything) {
  const path = join(work, name);
  writeFileSync(path, archive);
  return collectFiles(await openImage({ kind: 'docker-archive', path }), wanted);
}

const texts = (files: Map<string, { data: Buffer }>): Record<string, string> =>
  Object.fromEntries([...files].map(([path, file]): [string, string] => [path, file.data.toString()]).sort());

describe('collectFiles over a docker save archive', () => {
  it.each<[string, ArchiveOptions]>([
    ['legacy (Docker ≤24) with plain layers', { format: 'legacy' }],
    ['OCI-shaped (Docker 25+) with plain layers', { format: 'oci' }],
    ['OCI-shaped with gzip layers', { format: 'oci', gzipLayers: true }],
    ['OCI-shaped without manifest.json', { format: 'oci', withManifestJson: false }],
  ])('applies whiteouts and opaque directories across layers: %s', async (_, format) => {
    const result = await collect(
      `wh-${format.format}-${String(format.gzipLayers)}-${String(format.withManifestJson)}.tar`,
      await dockerArchiveOf({ layers: [base, app] }, format),
    );
    expect(texts(result.files)).toEqual({
      'app/b.txt': 'b',
      'etc/os-release': 'ID=debian\nVERSION_ID="12"\n',
      'opt/cache/new.txt': 'new',
      'var/lib/dpkg/status': 'Package: base\n\nPackage: app\n',
    });
    expect(result.files.get('etc/os-release')?.layer).toBe(sha256(base));
    expect(result.files.get('var/lib/dpkg/status')?.layer).toBe(sha256(app));
    expect(result.layers.map((layer) => layer.diffId)).toEqual([sha256(base), sha256(app)]);
    expect(result.config.config?.Cmd).toEqual(['sh']);
  });

  it('reads an archive that is itself gzip-compressed (`docker save | gzip`)', async () => {
    const archive = gzipSync(await dockerArchiveOf({ layers: [base] }, { format: 'legacy' }));
    const result = await collect('whole.tar.gz', archive, (path) => path === 'etc/os-release');
    expect([...result.files.keys()]).toEqual(['etc/os-release']);
  });

  it('keeps only the wanted files, with their mode', async () => {
    const result = await collect(
      'wanted.tar',
      await dockerArchiveOf({ layers: [base] }, { format: 'legacy' }),
      (path) => path.startsWith('usr/bin/'),
    );
    expect([...result.files.keys()]).toEqual(['usr/bin/tool']);
    expect(result.files.get('usr/bin/tool')?.mode).toBe(0o755);
  });

  it('skips files over maxFileBytes and lists them, unless a later layer deletes them', async () => {
    const big = await tarOf([
      { name: 'data/big.bin', data: Buffer.alloc(4096, 1) },
      { name: 'data/gone.bin', data: Buffer.alloc(4096, 2) },
    ]);
    const top = await tarOf([{ name: 'data/.wh.gone.bin' }]);
    const path = join(work, 'big.tar');
    writeFileSync(path, await dockerArchiveOf({ layers: [big, top] }, { format: 'legacy' }));
    const result = await collectFiles(await openImage({ kind: 'docker-archive', path }), everything, {
      maxFileBytes: 1024,
    });
    expect(result.files.size).toBe(0);
    expect(result.skipped).toEqual([{ path: 'data/big.bin', reason: 'too-large', size: 4096 }]);
  });

  it('hands files to a reducer and keeps what it returns', async () => {
    const firstByte = (): FileReducer => {
      let first: Buffer | undefined;
      return {
        get done() {
          return first !== undefined;
        },
        write: (chunk) => {
          first ??= chunk.subarray(0, 1);
        },
        end: () => first,
      };
    };
    const result = await collect(
      'reduce.tar',
      await dockerArchiveOf({ layers: [base] }, { format: 'legacy' }),
      (path) => (path === 'usr/bin/tool' ? firstByte() : false),
    );
    expect(texts(result.files)).toEqual({ 'usr/bin/tool': 'b' });
  });

  it('resolves hard links to files of the same layer', async () => {
    const layer = await tarOf([
      { name: 'usr/bin/python3.11', data: 'python', mode: 0o755 },
      { name: 'usr/bin/python3', type: 'link', linkname: 'usr/bin/python3.11' },
    ]);
    const result = await collect(
      'hardlink.tar',
      await dockerArchiveOf({ layers: [layer] }, { format: 'legacy' }),
    );
    expect(texts(result.files)).toEqual({ 'usr/bin/python3': 'python', 'usr/bin/python3.11': 'python' });
  });

  it('picks an image of a multi-image archive by tag', async () => {
    const archive = await dockerArchiveOf(
      { layers: [base], repoTag: 'berth-test/one:1' },
      { format: 'legacy' },
    );
    const path = join(work, 'tagged.tar');
    writeFileSync(path, archive);
    await expect(
      collectFiles(await openImage({ kind: 'docker-archive', path, ref: 'berth-test/two:1' }), everything),
    ).rejects.toThrow(/has no image "berth-test\/two:1".*/);
    const ok = await collectFiles(
      await openImage({ kind: 'docker-archive', path, ref: 'berth-test/one:1' }),
      everything,
    );
    expect(ok.files.has('etc/os-release')).toBe(true);
  });

  it('reports progress per layer and in total', async () => {
    const seen: CollectProgress[] = [];
    const path = join(work, 'progress.tar');
    writeFileSync(path, await dockerArchiveOf({ layers: [base, app] }, { format: 'legacy' }));
    await collectFiles(await openImage({ kind: 'docker-archive', path }), everything, {
      onProgress: (p) => seen.push(p),
    });
    expect(seen.map((p) => p.layersDone)).toEqual([1, 2, 2]);
    expect(seen.at(-1)).toMatchObject({ layersTotal: 2 });
    expect(seen.at(-1)?.bytesRead).toBeGreaterThan(base.length + app.length);
  });

  it('stops when its signal is aborted', async () => {
    const path = join(work, 'abort.tar');
    writeFileSync(path, await dockerArchiveOf({ layers: [base, app] }, { format: 'legacy' }));
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    await expect(
      collectFiles(await openImage({ kind: 'docker-archive', path }), everything, {
        signal: controller.signal,
      }),
    ).rejects.toThrow(/user cancelled|aborted/);
  });

  it('names a missing archive with BERTH_FILE_NOT_FOUND', async () => {
    const error = await openImage({ kind: 'docker-archive', path: join(work, 'nope.tar') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('BERTH_FILE_NOT_FOUND');
    expect((error as BerthError).message).toContain('nope.tar');
  });

  it('rejects a tarball that is not a docker save archive', async () => {
    const error = await collect('plain.tar', base).catch((e: unknown) => e);
    expect((error as BerthError).message).toMatch(
      /is not a docker save archive \(no manifest\.json or index\.json\)/,
    );
    expect((error as BerthError).hint).toContain('docker save');
  });

  it('rejects an archive whose manifest names a layer it lacks', async () => {
    const archive = await tarOf([
      { name: 'cfg.json', data: JSON.stringify({ rootfs: { type: 'layers', diff_ids: [sha256('x')] } }) },
      {
        name: 'manifest.json',
        data: JSON.stringify([{ Config: 'cfg.json', RepoTags: null, Layers: ['abc/layer.tar'] }]),
      },
    ]);
    await expect(collect('missing-layer.tar', archive)).rejects.toThrow(
      /lacks layer "abc\/layer\.tar" that its manifest lists/,
    );
  });

  it.each([
    [
      'a manifest.json entry without Layers',
      [{ Config: 'cfg.json', RepoTags: null }],
      { rootfs: { type: 'layers', diff_ids: [] } },
      /manifest\.json of archive ".*" has an unexpected shape at "0\.Layers"/,
    ],
    [
      'a config whose diff_ids are not digests',
      [{ Config: 'cfg.json', RepoTags: null, Layers: [] }],
      { rootfs: { type: 'layers', diff_ids: ['abc'] } },
      /config cfg\.json of archive ".*" has an unexpected shape at "rootfs\.diff_ids\.0"/,
    ],
  ])('rejects an archive with %s, naming the field', async (_, manifest, config, message) => {
    const archive = await tarOf([
      { name: 'cfg.json', data: JSON.stringify(config) },
      { name: 'manifest.json', data: JSON.stringify(manifest) },
    ]);
    const error = (await collect('bad-json.tar', archive).catch((e: unknown) => e)) as BerthError;
    expect(error).toBeInstanceOf(BerthError);
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(/^Expected an OCI or Docker image document: expected /);
  });

  it('keeps many small files intact when they share read chunks', async () => {
    const lists = Array.from({ length: 600 }, (_, i) => ({
      name: `./var/lib/dpkg/info/pkg${i}.list`,
      data: `/.\n/usr/share/doc/pkg${i}\n`.repeat(20 + (i % 7)),
    }));
    const layer = await tarOf(lists);
    const result = await collect('many-small.tar', await dockerArchiveOf({ layers: [layer] }));
    expect(result.files.size).toBe(600);
    for (const { name, data } of lists) expect(result.files.get(name.slice(2))?.data.toString()).toBe(data);
  });
});
