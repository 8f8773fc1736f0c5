import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { decompress } from './decompress.js';
import { imageError } from './image-errors.js';
import type { Descriptor } from './image-schemas.js';
import type { ImageHandle, ImageSource } from './image-types.js';
import { metered } from './metered.js';
import { resolveManifest } from './resolve-manifest.js';

type OciLayoutSource = Extract<ImageSource, { kind: 'oci-layout' }>;

const maxJsonBytes = 8 * 1024 * 1024;

/** `sha256:<hex>` → `<dir>/blobs/sha256/<hex>`; refuses digests that could escape the directory. */
function blobPath(dir: string, digest: string): string {
  const match = /^([a-z0-9]+):([a-zA-Z0-9=_-]+)$/.exec(digest);
  if (match === null) {
    throw imageError('invalid', `OCI layout "${dir}" names the malformed digest "${digest}"`, {
      hint: 'The layout is damaged; write it again.',
    });
  }
  return join(dir, 'blobs', match[1] ?? '', match[2] ?? '');
}

async function readJsonBlob(dir: string, descriptor: Descriptor): Promise<Buffer> {
  const path = blobPath(dir, descriptor.digest);
  if (descriptor.size > maxJsonBytes) {
    throw imageError('invalid', `OCI layout "${dir}" has a ${descriptor.size}-byte manifest or config`, {
      hint: 'Manifests and configs are small JSON documents; the layout is damaged.',
    });
  }
  try {
    return await readFile(path);
  } catch (error) {
    throw imageError('invalid', `OCI layout "${dir}" lacks blob ${descriptor.digest}`, {
      hint: 'The layout is incomplete; copy it again (e.g. `skopeo copy … oci:DIR`).',
      cause: error,
    });
  }
}

/** Opens an OCI image layout directory: resolves the manifest now, streams the layer blobs later. */
export async function openOciLayout(source: OciLayoutSource): Promise<ImageHandle> {
  const dir = source.path;
  const what = `OCI layout "${dir}"`;
  let index: Buffer;
  try {
    index = await readFile(join(dir, 'index.json'));
  } catch (error) {
    throw new BerthError('BERTH_FILE_NOT_FOUND', `${what} has no index.json`, {
      hint: 'Point at the directory that holds oci-layout, index.json and blobs/.',
      cause: error,
    });
  }
  const resolved = await resolveManifest(index, (descriptor) => readJsonBlob(dir, descriptor), {
    what,
    platform: source.platform,
    ref: source.ref,
  });
  for (const layer of resolved.layers) {
    await access(blobPath(dir, layer.key)).catch((error: unknown) => {
      throw imageError('invalid', `${what} lacks layer blob ${layer.key}`, {
        hint: 'The layout is incomplete; copy it again (e.g. `skopeo copy … oci:DIR`).',
        cause: error,
      });
    });
  }
  return {
    source,
    name: dir,
    layerCount: resolved.layers.length,
    async readLayers(visit, options = {}) {
      let bytesRead = 0;
      for (const layer of resolved.layers) {
        const path = blobPath(dir, layer.key);
        const file = createReadStream(path, {
          highWaterMark: 1024 * 1024,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        const base = bytesRead;
        const tar = decompress(
          metered(file, {
            signal: options.signal,
            onBytes: (n) => {
              bytesRead = base + n;
              options.onBytes?.(bytesRead);
            },
          }),
          `layer ${layer.key} of ${what}`,
        );
        await visit({ key: layer.key, tar });
      }
      return { config: resolved.config, layers: resolved.layers };
    },
  };
}
