import { imageError } from './image-errors.js';
import type {
  CollectOptions,
  CollectProgress,
  FileWanted,
  ImageFileCollection,
  ImageHandle,
} from './image-types.js';
import { readLayerContents, type LayerContents } from './layer-contents.js';
import { mergeLayers } from './merge-layers.js';
import { readTar } from './tar-reader.js';

export const defaultMaxFileBytes = 50 * 1024 * 1024;
/** Progress is reported at least this often while bytes flow, and after every layer. */
const progressEveryBytes = 8 * 1024 * 1024;

/**
 * Reads an image's layers once and returns the wanted files of its final filesystem (whiteouts and
 * opaque directories applied), each with the diff_id of the layer it came from, plus the image config.
 * Only wanted files are kept in memory; each is capped at `maxFileBytes`.
 *
 * @example
 * const image = await openImage({ kind: 'engine', ref: 'nginx:1.27' });
 * const { files, config } = await collectFiles(image, (path) => path === 'etc/os-release');
 * files.get('etc/os-release')?.data.toString();
 */
export async function collectFiles(
  handle: ImageHandle,
  wanted: FileWanted,
  options: CollectOptions = {},
): Promise<ImageFileCollection> {
  const maxFileBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  const contents = new Map<string, LayerContents>();
  const progress: { -readonly [K in keyof CollectProgress]: CollectProgress[K] } = {
    layersDone: 0,
    layersTotal: handle.layerCount,
    bytesRead: 0,
  };
  let reportedBytes = 0;
  const report = (): void => {
    reportedBytes = progress.bytesRead;
    options.onProgress?.({ ...progress });
  };

  const layout = await handle.readLayers(
    async (layer) => {
      const entries = readTar(layer.tar, `layer ${layer.key} of ${handle.name}`);
      contents.set(
        layer.key,
        await readLayerContents(entries, {
          wanted,
          maxFileBytes,
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      );
      progress.layersDone += 1;
      report();
    },
    {
      ...(options.signal ? { signal: options.signal } : {}),
      onBytes: (bytesRead) => {
        progress.bytesRead = bytesRead;
        if (bytesRead - reportedBytes >= progressEveryBytes) report();
      },
    },
  );

  const ordered = layout.layers.map((layer) => {
    const layerContents = contents.get(layer.key);
    if (layerContents === undefined) {
      throw imageError('invalid', `${handle.name} lacks layer ${layer.key}`, {
        hint: 'The image is incomplete; export or pull it again.',
      });
    }
    return { id: layer.diffId ?? layer.digest, contents: layerContents };
  });
  progress.layersTotal = layout.layers.length;
  report();
  const { files, skipped } = mergeLayers(ordered);
  return { files, skipped, config: layout.config, layers: layout.layers };
}
