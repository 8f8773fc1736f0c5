import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthError } from '../../errors/index.js';
import { collectFiles } from './collect-files.js';
import { openImage } from './open-image.js';
import { configFor, tarOf, writeBlob, writeImage } from './testing/image-fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'berth-oci-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const layout = join(work, 'multi');
const index = 'application/vnd.oci.image.index.v1+json';

beforeAll(async () => {
  mkdirSync(layout);
  const amd64 = writeImage(layout, [await tarOf([{ name: 'etc/arch', data: 'amd64' }])]);
  const arm64 = writeImage(layout, [await tarOf([{ name: 'etc/arch', data: 'arm64' }])], {
    architecture: 'arm64',
  });
  const attestation = writeBlob(layout, Buffer.from('{}'), 'application/vnd.oci.image.manifest.v1+json');
  const list = writeBlob(
    layout,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: index,
        manifests: [
          { ...arm64, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
          { ...amd64, platform: { os: 'linux', architecture: 'amd64' } },
          { ...attestation, platform: { os: 'unknown', architecture: 'unknown' } },
        ],
      }),
    ),
    index,
  );
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: index,
      manifests: [{ ...list, annotations: { 'org.opencontainers.image.ref.name': 'v1' } }],
    }),
  );
});

const archOf = async (source: Parameters<typeof openImage>[0]): Promise<string | undefined> =>
  (await collectFiles(await openImage(source), () => true)).files.get('etc/arch')?.data.toString();

describe('OCI layout input', () => {
  it('picks linux/amd64 from a multi-platform index by default', async () => {
    expect(await archOf({ kind: 'oci-layout', path: layout })).toBe('amd64');
  });

  it('picks the requested platform and variant', async () => {
    expect(await archOf({ kind: 'oci-layout', path: layout, platform: 'linux/arm64' })).toBe('arm64');
    expect(await archOf({ kind: 'oci-layout', path: layout, platform: 'linux/arm64/v8', ref: 'v1' })).toBe(
      'arm64',
    );
  });

  it('lists the offered platforms when the requested one is absent', async () => {
    await expect(
      openImage({ kind: 'oci-layout', path: layout, platform: 'linux/s390x' }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('has no image for platform linux/s390x'),
      hint: expect.stringContaining('linux/arm64/v8, linux/amd64'),
    });
  });

  it('names the refs it has when asked for another', async () => {
    await expect(openImage({ kind: 'oci-layout', path: layout, ref: 'v2' })).rejects.toThrow(
      /has no image named "v2"/,
    );
  });

  it('says a directory without index.json is not a layout', async () => {
    const error = await openImage({ kind: 'oci-layout', path: work }).catch((e: unknown) => e);
    expect((error as BerthError).code).toBe('BERTH_FILE_NOT_FOUND');
    expect((error as BerthError).message).toContain('has no index.json');
  });

  it('names a zstd layer and says zstd needs zlib.createZstdDecompress', async () => {
    const dir = join(work, 'zstd');
    mkdirSync(dir);
    const layer = await tarOf([{ name: 'etc/arch', data: 'zstd' }]);
    writeFileSync(join(work, 'layer.tar'), layer);
    execFileSync('zstd', ['-q', '-f', join(work, 'layer.tar'), '-o', join(work, 'layer.tar.zst')]);
    const blob = readFileSync(join(work, 'layer.tar.zst'));
    const config = writeBlob(dir, configFor([layer]), 'application/vnd.oci.image.config.v1+json');
    const zstdLayer = writeBlob(dir, blob, 'application/vnd.oci.image.layer.v1.tar+zstd');
    const manifest = writeBlob(
      dir,
      Buffer.from(JSON.stringify({ schemaVersion: 2, config, layers: [zstdLayer] })),
      'application/vnd.oci.image.manifest.v1+json',
    );
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [manifest] }));
    if ('createZstdDecompress' in zlib) {
      expect(await archOf({ kind: 'oci-layout', path: dir })).toBe('zstd');
    } else {
      await expect(archOf({ kind: 'oci-layout', path: dir })).rejects.toThrow(
        new RegExp(
          `layer ${zstdLayer.digest} of .* is compressed with zstd.*unsupported without zlib\\.createZstdDecompress`,
        ),
      );
    }
  });
});
