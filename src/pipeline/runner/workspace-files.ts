import { constants, type Dirent } from 'node:fs';
import { lstat, open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';

/*
 * Reading what steps left in the workspace. Step containers write there as root and may leave
 * symbolic links to host files (`ln -s /etc/shadow report.xml`), so nothing here follows a link: the
 * walk uses lstat, and files are opened with O_NOFOLLOW and must still be the inode the walk saw (a
 * folder swapped for a link between walk and open then yields a different inode and is refused).
 */

/** A regular file of the workspace, as the walk saw it. */
export interface WorkspaceFile {
  /** Relative to the workspace, `/`-separated. */
  readonly path: string;
  readonly size: number;
  readonly dev: number;
  readonly ino: number;
}

export interface ListWorkspaceFilesOptions {
  /** Folders (or files) to walk, relative to the workspace; '' is the whole workspace. */
  readonly bases: readonly string[];
  /** Which files to return. */
  readonly select: (path: string) => boolean;
  /** Stop after visiting this many entries (a huge `node_modules`); default 200,000. */
  readonly maxEntries?: number;
}

/** The files under `bases` that `select` keeps, sorted by path; links and special files are skipped. */
export async function listWorkspaceFiles(
  root: string,
  options: ListWorkspaceFilesOptions,
): Promise<{ files: WorkspaceFile[]; truncated: boolean }> {
  const found = new Map<string, WorkspaceFile>();
  let budget = options.maxEntries ?? 200_000;
  const visit = async (path: string): Promise<void> => {
    if (--budget < 0) return;
    const stats = await lstat(join(root, path)).catch(() => undefined);
    if (stats === undefined) return;
    if (stats.isFile()) {
      if (options.select(path)) found.set(path, { path, size: stats.size, dev: stats.dev, ino: stats.ino });
      return;
    }
    if (!stats.isDirectory()) return; // links, sockets, devices
    const entries: Dirent[] = await readdir(join(root, path), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.isDirectory() || entry.isFile())
        await visit(path === '' ? entry.name : `${path}/${entry.name}`);
    }
  };
  for (const base of [...new Set(options.bases)].sort()) {
    if (await baseIsReal(root, base)) await visit(base);
  }
  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, truncated: budget < 0 };
}

/** Every folder on the way to `base` is a real folder, not a link out of the workspace. */
async function baseIsReal(root: string, base: string): Promise<boolean> {
  const segments = base === '' ? [] : base.split('/');
  for (let end = 1; end < segments.length; end++) {
    const stats = await lstat(join(root, ...segments.slice(0, end))).catch(() => undefined);
    if (stats?.isDirectory() !== true) return false;
  }
  return true;
}

/**
 * Opens a file found by {@link listWorkspaceFiles} for reading, refusing a link or a file that is no
 * longer the one the walk saw. The caller closes the handle.
 */
export async function openWorkspaceFile(root: string, file: WorkspaceFile): Promise<FileHandle> {
  const handle = await open(
    join(root, file.path),
    constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
  );
  const stats = await handle.stat();
  if (!stats.isFile() || stats.ino !== file.ino || stats.dev !== file.dev) {
    await handle.close();
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `workspace file ${JSON.stringify(file.path)} changed while it was read`,
      {
        hint: 'Do not replace report or artifact files while other steps of the run are still running.',
      },
    );
  }
  return handle;
}

/** Reads a workspace file whole, refusing one bigger than `maxBytes` (also one that grows while read). */
export async function readWorkspaceFile(
  root: string,
  file: WorkspaceFile,
  maxBytes: number,
): Promise<Buffer> {
  const handle = await openWorkspaceFile(root, file);
  try {
    const buffer = Buffer.alloc(Math.min(file.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) {
      throw new BerthError(
        'BERTH_PAYLOAD_TOO_LARGE',
        `workspace file ${JSON.stringify(file.path)} is larger than ${maxBytes} bytes`,
        {
          hint: 'Write smaller reports, or split them into several files.',
        },
      );
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
