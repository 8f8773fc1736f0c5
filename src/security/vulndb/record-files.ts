import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isRecordFile } from './osv-document.js';
import type { ZipReader } from './zip-reader.js';

/** One file to import, from a directory or a ZIP archive. */
export interface RecordFile {
  /** Where a user finds it: a path, or `archive.zip!/entry.json`. */
  file: string;
  /** The stable name the store keys entries by: the path inside the directory or archive. */
  source: string;
  modifiedMs(): number;
  read(): Buffer;
}

/** The record files under `root`, depth first in name order; dot-directories (`.git`) are skipped. */
export function* directoryRecordFiles(root: string, prefix = ''): Generator<RecordFile> {
  const entries = readdirSync(join(root, prefix), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) yield* directoryRecordFiles(root, relative);
    } else if (entry.isFile() && isRecordFile(entry.name)) {
      yield singleRecordFile(join(root, relative), relative);
    }
  }
}

export function singleRecordFile(path: string, source: string): RecordFile {
  return {
    file: path,
    source,
    modifiedMs: () => statSync(path).mtimeMs,
    read: () => readFileSync(path),
  };
}

/** The record files in an archive, in directory order. `label` names the archive in reports. */
export function* zipRecordFiles(zip: ZipReader, label: string): Generator<RecordFile> {
  for (const entry of zip.entries) {
    if (entry.name.endsWith('/') || !isRecordFile(entry.name)) continue;
    yield {
      file: `${label}!/${entry.name}`,
      source: entry.name,
      modifiedMs: () => entry.modifiedMs,
      read: () => zip.read(entry),
    };
  }
}
