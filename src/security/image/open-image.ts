import { stat } from 'node:fs/promises';
import { BerthError } from '../../errors/index.js';
import { archiveHandle } from './archive-source.js';
import type { ImageHandle, ImageSource } from './image-types.js';

/**
 * Opens an image for reading: checks that it exists and, for registries and OCI layouts, resolves the
 * manifest (platform default linux/amd64). Layers are streamed later by {@link collectFiles}.
 *
 * @example
 * await openImage({ kind: 'docker-archive', path: 'app.tar' });
 * await openImage({ kind: 'engine', ref: 'app:1.2', dockerHost: config.dockerHost });
 * await openImage({ kind: 'registry', ref: 'ghcr.io/org/app:1.2', platform: 'linux/arm64' });
 */
export async function openImage(
  source: ImageSource,
  options: { signal?: AbortSignal } = {},
): Promise<ImageHandle> {
  switch (source.kind) {
    case 'docker-archive':
      await mustExist(source.path, 'file', 'Create it with `docker save IMAGE -o FILE`.');
      return archiveHandle(source);
    case 'oci-layout':
      await mustExist(
        source.path,
        'directory',
        'Point at a directory with oci-layout, index.json and blobs/.',
      );
      return (await import('./oci-layout-source.js')).openOciLayout(source);
    // Loaded on demand: dockerode (with ssh2, gRPC and protobuf) alone takes longer to load than a
    // tarball scan takes to run, and `berth scan image app.tar` never needs it (bench/scan.ts, issue 4).
    // The other readers too: every module costs a `docker save` scan ~0.5 ms to load.
    case 'engine':
      return (await import('./engine-source.js')).openEngineImage(source);
    case 'registry':
      return (await import('./registry-source.js')).openRegistryImage(source, options.signal);
  }
}

async function mustExist(path: string, kind: 'file' | 'directory', hint: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  const ok = kind === 'file' ? info?.isFile() : info?.isDirectory();
  if (ok !== true) {
    throw new BerthError('BERTH_FILE_NOT_FOUND', `${kind} "${path}" does not exist`, { hint });
  }
}
