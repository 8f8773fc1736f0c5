import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BerthError } from '../../errors/index.js';
import { collectFiles } from './collect-files.js';
import { openImage } from './open-image.js';

// Uses the local Docker Engine and the locally built test image (never pulled).
const testImage = 'berth-test/busybox:1';
const docker = (args: string[]): string =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const engineReady = (() => {
  try {
    docker(['image', 'inspect', testImage]);
    return true;
  } catch {
    return false;
  }
})();

const work = mkdtempSync(join(tmpdir(), 'berth-engine-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Docker Engine input', () => {
  const diffIds = engineReady
    ? (JSON.parse(docker(['image', 'inspect', testImage, '--format', '{{json .RootFS.Layers}}'])) as string[])
    : [];
  const wanted = (path: string): boolean => path === 'bin/busybox' || path === 'www/index.html';

  it('streams an image from the engine and tags each file with its layer diff_id', async () => {
    const image = await openImage({ kind: 'engine', ref: testImage });
    expect(image.layerCount).toBe(diffIds.length);
    const { files, config, layers } = await collectFiles(image, wanted);
    expect(files.get('www/index.html')?.data.toString()).toBe('ok\n');
    const busybox = files.get('bin/busybox');
    expect(busybox?.data.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(busybox?.mode).toBe(0o755);
    expect(busybox?.layer).toBe(diffIds.at(-1));
    expect(layers.map((layer) => layer.diffId)).toEqual(diffIds);
    expect(config.config?.Cmd).toEqual(['sh']);
  });

  it('reads the same files from a `docker save` tarball as from the engine', async () => {
    const path = join(work, 'busybox.tar');
    docker(['save', testImage, '-o', path]);
    const fromArchive = await collectFiles(await openImage({ kind: 'docker-archive', path }), wanted);
    const fromEngine = await collectFiles(await openImage({ kind: 'engine', ref: testImage }), wanted);
    expect([...fromArchive.files.keys()].sort()).toEqual([...fromEngine.files.keys()].sort());
    expect(
      fromArchive.files
        .get('bin/busybox')
        ?.data.equals(fromEngine.files.get('bin/busybox')?.data ?? Buffer.alloc(0)),
    ).toBe(true);
  });

  it('says an image missing from the engine is not found, naming it', async () => {
    const error = (await openImage({ kind: 'engine', ref: 'berth-test/absent:0' }).catch(
      (e: unknown) => e,
    )) as BerthError;
    expect(error.code).toBe('BERTH_IMAGE_NOT_FOUND');
    expect(error.message).toContain('image "berth-test/absent:0" is not in the Docker Engine');
  });

  it('says when the engine cannot be reached', async () => {
    const error = (await openImage({
      kind: 'engine',
      ref: testImage,
      dockerHost: join(work, 'no.sock'),
    }).catch((e: unknown) => e)) as BerthError;
    expect(error.code).toBe('BERTH_ENGINE_UNREACHABLE');
  });
});
