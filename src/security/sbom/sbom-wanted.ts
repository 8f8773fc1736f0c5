import type { EntryInfo, FileReducer } from '../image/index.js';
import { fileKind } from './file-kinds.js';
import { goBuildInfoReducer } from './go-reducer.js';

/** Go binaries are megabytes; smaller executables are scripts and C tools not worth streaming through. */
const minGoBinaryBytes = 100 * 1024;

/** Keeps nothing but marks that the file exists (a database format Berth cannot read yet). */
const presenceOnly = (): FileReducer => ({ done: true, write: () => undefined, end: () => Buffer.alloc(0) });

/**
 * The files {@link extractSbom} reads, for `collectFiles`/`scanDirectory`: package databases, language
 * manifests and archives are kept whole; executables are streamed through a reducer that keeps only their
 * Go build info.
 *
 * @example
 * const { files } = await collectFiles(image, sbomWanted);
 * const sbom = await extractSbom(files);
 */
export function sbomWanted(path: string, info: EntryInfo = { size: 0, mode: 0 }): boolean | FileReducer {
  const kind = fileKind(path);
  if (kind === 'rpmdb-unsupported') return presenceOnly();
  if (kind !== undefined) return true;
  if ((info.mode & 0o111) !== 0 && info.size >= minGoBinaryBytes) return goBuildInfoReducer();
  return false;
}
