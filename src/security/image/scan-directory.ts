import { createReadStream } from 'node:fs';
import { lstat, opendir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { defaultMaxFileBytes } from './collect-files.js';
import type { CollectedFile, FileCollection, FileReducer, FileWanted, SkippedFile } from './image-types.js';

export interface ScanDirectoryOptions {
  signal?: AbortSignal;
  /** Files larger than this are skipped (listed in `skipped`). Default 50 MiB. */
  maxFileBytes?: number;
}

async function reduceFile(
  path: string,
  reducer: FileReducer,
  signal?: AbortSignal,
): Promise<Buffer | undefined> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024, ...(signal ? { signal } : {}) });
  try {
    for await (const chunk of stream) {
      reducer.write(chunk as Buffer);
      if (reducer.done === true) break;
    }
  } finally {
    stream.destroy();
  }
  return reducer.end();
}

/**
 * Collects the wanted files of a directory tree (`berth scan fs DIR`) in the same shape as
 * `collectFiles`, with paths relative to `dir`. Symlinks are not followed; files without layers carry no
 * `layer`.
 *
 * @example
 * const { files } = await scanDirectory('./rootfs', sbomWanted);
 */
export async function scanDirectory(
  dir: string,
  wanted: FileWanted,
  options: ScanDirectoryOptions = {},
): Promise<FileCollection> {
  const maxFileBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  const root = await lstat(dir).catch(() => undefined);
  if (root?.isDirectory() !== true) {
    throw new BerthError('BERTH_FILE_NOT_FOUND', `directory "${dir}" does not exist`, {
      hint: 'Pass a directory to scan, e.g. an unpacked root filesystem or a project folder.',
    });
  }
  const files = new Map<string, CollectedFile>();
  const skipped: SkippedFile[] = [];
  const pending = [''];
  for (let relative = pending.pop(); relative !== undefined; relative = pending.pop()) {
    const handle = await opendir(join(dir, relative)).catch(() => undefined);
    if (handle === undefined) continue;
    for await (const dirent of handle) {
      options.signal?.throwIfAborted();
      const path = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
      if (dirent.isDirectory()) pending.push(path);
      if (!dirent.isFile()) continue;
      const absolute = join(dir, path);
      const info = await lstat(absolute).catch(() => undefined);
      if (info === undefined) continue;
      const choice = wanted(path, { size: info.size, mode: info.mode & 0o7777 });
      if (choice === false) continue;
      if (choice === true && info.size > maxFileBytes) {
        skipped.push({ path, reason: 'too-large', size: info.size });
        continue;
      }
      try {
        const data =
          choice === true
            ? await readFile(absolute, options.signal ? { signal: options.signal } : {})
            : await reduceFile(absolute, choice, options.signal);
        if (data !== undefined) files.set(path, { data, mode: info.mode & 0o7777 });
      } catch (error) {
        if ((error as { code?: string }).code !== 'EACCES') throw error;
        skipped.push({ path, reason: 'unreadable', size: info.size });
      }
    }
  }
  return { files, skipped };
}
