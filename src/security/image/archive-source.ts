import { createReadStream } from 'node:fs';
import { decompress } from './decompress.js';
import { readDockerArchive } from './docker-archive.js';
import type { ImageHandle, ImageSource } from './image-types.js';
import { metered } from './metered.js';

type ArchiveSource = Extract<ImageSource, { kind: 'docker-archive' }>;

/** A `docker save` tarball on disk (optionally gzip-compressed as a whole), read in one pass. */
export function archiveHandle(source: ArchiveSource): ImageHandle {
  const what = `archive "${source.path}"`;
  return {
    source,
    name: source.path,
    layerCount: undefined,
    readLayers(visit, options = {}) {
      const file = createReadStream(source.path, {
        highWaterMark: 1024 * 1024,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      return readDockerArchive(decompress(metered(file, options), what), visit, {
        what,
        ref: source.ref,
        signal: options.signal,
      });
    },
  };
}
