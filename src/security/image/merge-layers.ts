import type { CollectedFile, SkippedFile } from './image-types.js';
import type { LayerContents } from './layer-contents.js';
import { isWithin, pathHash } from './layer-path.js';

export interface OrderedLayer {
  /** diff_id or digest recorded on each file; undefined when the source does not name layers. */
  readonly id: string | undefined;
  readonly contents: LayerContents;
}

function hiddenBy(path: string, layer: LayerContents): boolean {
  if (layer.replaced.has(pathHash(path))) return true;
  if (layer.whiteouts.some((deleted) => isWithin(path, deleted))) return true;
  // An opaque directory keeps itself but hides everything lower layers put inside it.
  if (layer.opaqueDirs.some((dir) => path !== dir && isWithin(path, dir))) return true;
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
    if (layer.nonDirectories.has(pathHash(path.slice(0, slash)))) return true;
  }
  return false;
}

/**
 * Stacks layers bottom first into the final filesystem view: each layer's whiteouts, opaque directories
 * and replacing entries hide what lies below, then its own files win (OCI image-spec layer.md).
 *
 * @example
 * const { files } = mergeLayers([{ id: 'sha256:a…', contents: base }, { id: 'sha256:b…', contents: app }]);
 */
export function mergeLayers(layers: readonly OrderedLayer[]): {
  files: Map<string, CollectedFile>;
  skipped: SkippedFile[];
} {
  const files = new Map<string, CollectedFile>();
  const skipped = new Map<string, SkippedFile>();
  for (const { id, contents } of layers) {
    for (const path of files.keys()) if (hiddenBy(path, contents)) files.delete(path);
    for (const path of skipped.keys()) if (hiddenBy(path, contents)) skipped.delete(path);
    for (const [path, file] of contents.files) {
      files.set(path, { data: file.data, mode: file.mode, ...(id === undefined ? {} : { layer: id }) });
      skipped.delete(path);
    }
    for (const entry of contents.skipped) {
      skipped.set(entry.path, entry);
      files.delete(entry.path);
    }
  }
  return { files, skipped: [...skipped.values()] };
}
