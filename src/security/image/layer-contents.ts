import { ChunkKeeper } from './chunk-keeper.js';
import type { FileReducer, FileWanted, SkippedFile } from './image-types.js';
import { normalizeLayerPath, parentOf, pathHash } from './layer-path.js';
import type { TarEntry } from './tar-reader.js';

/** The part of one layer that matters for the final view: wanted files plus what hides lower layers. */
export interface LayerContents {
  readonly files: Map<string, { data: Buffer; mode: number }>;
  /** Paths deleted by `.wh.<name>` entries (OCI image-spec layer.md "Whiteouts"). */
  readonly whiteouts: string[];
  /** Directories whose lower contents are hidden by `.wh..wh..opq`. */
  readonly opaqueDirs: string[];
  /** {@link pathHash} of every other entry: each hides a lower file at the same path. */
  readonly replaced: Set<number>;
  /** {@link pathHash} of every non-directory entry: each also hides everything below its path. */
  readonly nonDirectories: Set<number>;
  readonly skipped: SkippedFile[];
}

export interface LayerReadOptions {
  wanted: FileWanted;
  maxFileBytes: number;
  signal?: AbortSignal;
}

const whiteoutPrefix = '.wh.';
const opaqueMarker = '.wh..wh..opq';
const auFsMeta = '.wh..wh.';

/**
 * Walks one layer's tar entries, keeping the wanted files' bytes and recording whiteouts, so that layers
 * can be read in any order and merged afterwards with {@link mergeLayers}.
 */
export async function readLayerContents(
  entries: AsyncIterable<TarEntry>,
  options: LayerReadOptions,
): Promise<LayerContents> {
  const contents: LayerContents = {
    files: new Map(),
    whiteouts: [],
    opaqueDirs: [],
    replaced: new Set(),
    nonDirectories: new Set(),
    skipped: [],
  };
  const keepOptions = { ...options, keeper: new ChunkKeeper() };
  for await (const entry of entries) {
    options.signal?.throwIfAborted();
    const path = normalizeLayerPath(entry.path);
    if (path === '') continue;
    const slash = path.lastIndexOf('/');
    const base = path.slice(slash + 1);
    if (base === opaqueMarker) {
      contents.opaqueDirs.push(parentOf(path));
      continue;
    }
    // Other `.wh..wh.` names (and what lies below them) are aufs bookkeeping (plnk, aufs), not files.
    if (path.startsWith(auFsMeta) || path.includes(`/${auFsMeta}`)) continue;
    if (base.startsWith(whiteoutPrefix)) {
      contents.whiteouts.push(`${path.slice(0, slash + 1)}${base.slice(whiteoutPrefix.length)}`);
      continue;
    }
    if (!(await keep(entry, path, contents, keepOptions))) {
      contents.replaced.add(pathHash(path));
      if (entry.type !== 'directory') contents.nonDirectories.add(pathHash(path));
    }
  }
  return contents;
}

async function keep(
  entry: TarEntry,
  path: string,
  contents: LayerContents,
  options: LayerReadOptions & { keeper: ChunkKeeper },
): Promise<boolean> {
  if (entry.type === 'hardlink') {
    const info = { size: 0, mode: entry.mode };
    if (options.wanted(path, info) === false) return false;
    const target = contents.files.get(normalizeLayerPath(entry.linkName));
    if (target === undefined) {
      contents.skipped.push({ path, reason: 'hardlink-target-missing', size: 0 });
      return false;
    }
    contents.files.set(path, { data: target.data, mode: entry.mode });
    return true;
  }
  if (entry.type !== 'file') return false;
  const choice = options.wanted(path, { size: entry.size, mode: entry.mode });
  if (choice === false) return false;
  if (choice === true) {
    if (entry.size > options.maxFileBytes) {
      contents.skipped.push({ path, reason: 'too-large', size: entry.size });
      return false;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of entry.body) chunks.push(chunk);
    contents.files.set(path, { data: options.keeper.keep(chunks), mode: entry.mode });
    return true;
  }
  const data = await reduce(entry.body, choice);
  if (data === undefined) return false;
  contents.files.set(path, { data, mode: entry.mode });
  return true;
}

async function reduce(body: AsyncIterable<Buffer>, reducer: FileReducer): Promise<Buffer | undefined> {
  for await (const chunk of body) {
    reducer.write(chunk);
    if (reducer.done === true) break;
  }
  return reducer.end();
}
