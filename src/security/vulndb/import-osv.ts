import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setImmediate as nextTick } from 'node:timers/promises';
import { BerthError } from '../../errors/index.js';
import { isSupportedEcosystem } from '../versions/index.js';
import { downloadFeed } from './download-feed.js';
import { splitEcosystem } from './ecosystem-key.js';
import { isRecordFile, parseOsvDocument } from './osv-document.js';
import type { OsvRecord } from './osv-record-schema.js';
import { directoryRecordFiles, singleRecordFile, zipRecordFiles, type RecordFile } from './record-files.js';
import type { VulnDb } from './vuln-db.js';
import { ZipReader } from './zip-reader.js';

/** A directory of OSV files, one `.json`/`.yaml` file, a `.zip` of them, or an `http(s)://` URL of a zip. */
export type ImportSource = string | URL;

export interface ImportProgress {
  phase: 'download' | 'import';
  /** The source being read (path or URL). */
  source: string;
  files: number;
  imported: number;
  skipped: number;
  invalid: number;
  /** Download phase: bytes received so far, and the total when the server sent it. */
  bytes?: number;
  totalBytes?: number;
}

export interface ImportOsvOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Records per transaction (default 500). */
  batchSize?: number;
  /** Largest export to download (default 2 GiB; npm's all.zip is a few hundred MB). */
  maxDownloadBytes?: number;
}

/** A file that could not be imported, and why. */
export interface InvalidFile {
  file: string;
  error: string;
}

export interface ImportReport {
  /** Record files read (`.json`, `.yaml`, `.yml`; other files are ignored). */
  files: number;
  /** Valid records found in them (an Alpine secdb file holds many). */
  records: number;
  /** Records that added or replaced data. */
  imported: number;
  /** Records already stored with the same or a newer `modified`. */
  skipped: number;
  invalid: InvalidFile[];
  /** GIT ranges left out: commit ancestry cannot be evaluated for installed packages. */
  gitRangesSkipped: number;
  /** Affected entries stored for ecosystems without a version order yet (never matched), by ecosystem. */
  unsupportedEcosystems: Record<string, number>;
  /** URLs the server reported unchanged since the last import (HTTP 304). */
  notModified: string[];
  durationMs: number;
}

const defaultBatchSize = 500;
const defaultMaxDownloadBytes = 2 * 1024 ** 3;

/**
 * Imports OSV records into `db`, incrementally: a record is skipped when the store already has it with
 * the same or a newer `modified`. A file that is not valid JSON/YAML or not a valid OSV record is listed in
 * `invalid` and the import goes on. Records are written in transactions of `batchSize`; on abort the
 * batches already written stay (a later import resumes by skipping them).
 *
 * @example
 * const report = await importOsv(db, osvExportUrls(['Debian', 'npm']), { onProgress: (p) => log.info(p, 'vulndb import') });
 * const offline = await importOsv(db, '/srv/mirror/osv/');
 */
export async function importOsv(
  db: VulnDb,
  source: ImportSource | readonly ImportSource[],
  options: ImportOsvOptions = {},
): Promise<ImportReport> {
  const run = new ImportRun(db, options);
  for (const item of typeof source === 'string' || source instanceof URL ? [source] : source) {
    options.signal?.throwIfAborted();
    const text = item.toString();
    if (/^https?:\/\//i.test(text)) await run.fromUrl(text);
    else await run.fromPath(item instanceof URL ? item : text);
  }
  return run.finish();
}

class ImportRun {
  readonly #db: VulnDb;
  readonly #options: ImportOsvOptions;
  readonly #started = performance.now();
  readonly #report: Omit<ImportReport, 'durationMs'> = {
    files: 0,
    records: 0,
    imported: 0,
    skipped: 0,
    invalid: [],
    gitRangesSkipped: 0,
    unsupportedEcosystems: {},
    notModified: [],
  };
  #batch: { record: OsvRecord; source: string }[] = [];
  #current = '';

  constructor(db: VulnDb, options: ImportOsvOptions) {
    this.#db = db;
    this.#options = options;
  }

  async fromPath(path: string | URL): Promise<void> {
    const label = path instanceof URL ? fileURLToPath(path) : path;
    this.#current = label;
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      throw new BerthError('BERTH_FILE_NOT_FOUND', `OSV source "${label}" does not exist`, {
        hint: 'Give a directory of OSV .json/.yaml files, one such file, a .zip of them, or an https:// URL.',
        cause: error,
      });
    }
    if (isDirectory) await this.#importFiles(directoryRecordFiles(label));
    else if (/\.zip$/i.test(label)) await this.#importZip(label, label);
    else if (isRecordFile(label)) await this.#importFiles([singleRecordFile(label, basename(label))]);
    else {
      throw new BerthError(
        'BERTH_CONFIG',
        `cannot import "${label}": not a directory, .json, .yaml, .yml or .zip file`,
        {
          hint: 'Point the import at OSV records or at an OSV export such as all.zip.',
        },
      );
    }
  }

  async fromUrl(url: string): Promise<void> {
    this.#current = url;
    const directory = mkdtempSync(join(tmpdir(), 'berth-osv-'));
    try {
      const zipPath = join(directory, 'all.zip');
      const previous = this.#db.feedState(url);
      const result = await downloadFeed(url, zipPath, {
        maxBytes: this.#options.maxDownloadBytes ?? defaultMaxDownloadBytes,
        ...(this.#options.signal === undefined ? {} : { signal: this.#options.signal }),
        ...(previous === undefined ? {} : { previous }),
        onBytes: (bytes, totalBytes) =>
          this.#options.onProgress?.({
            ...this.#progress('download'),
            bytes,
            ...(totalBytes === undefined ? {} : { totalBytes }),
          }),
      });
      if (result.notModified) {
        this.#report.notModified.push(url);
        return;
      }
      const complete = await this.#importZip(zipPath, url);
      // Remember the validators only once every record is stored, so that a failed import downloads again.
      if (complete) {
        this.#db.saveFeedState(url, {
          ...(result.etag === undefined ? {} : { etag: result.etag }),
          ...(result.lastModified === undefined ? {} : { lastModified: result.lastModified }),
          fetchedAt: Date.now(),
        });
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }

  finish(): ImportReport {
    this.#flush();
    return { ...this.#report, durationMs: Math.round(performance.now() - this.#started) };
  }

  /** Returns false when the archive itself could not be read (reported in `invalid`). */
  async #importZip(path: string, label: string): Promise<boolean> {
    let zip: ZipReader;
    try {
      zip = ZipReader.open(path);
    } catch (error) {
      this.#report.invalid.push({
        file: label,
        error: `not a readable ZIP archive: ${(error as Error).message}`,
      });
      return false;
    }
    try {
      await this.#importFiles(zipRecordFiles(zip, label));
      this.#flush();
      return true;
    } finally {
      zip.close();
    }
  }

  async #importFiles(files: Iterable<RecordFile>): Promise<void> {
    const batchSize = this.#options.batchSize ?? defaultBatchSize;
    for (const file of files) {
      this.#report.files++;
      let parsed;
      try {
        parsed = parseOsvDocument(file.read().toString('utf8'), file.source, file.modifiedMs());
      } catch (error) {
        parsed = { ok: false as const, error: `cannot read: ${(error as Error).message}` };
      }
      if (!parsed.ok) {
        this.#report.invalid.push({ file: file.file, error: parsed.error });
        continue;
      }
      for (const record of parsed.records) {
        this.#count(record);
        this.#batch.push({ record, source: file.source });
      }
      if (this.#batch.length >= batchSize) {
        this.#flush();
        // Let abort signals and progress listeners run between transactions.
        await nextTick();
        this.#options.signal?.throwIfAborted();
      }
    }
    this.#flush();
  }

  #count(record: OsvRecord): void {
    this.#report.records++;
    for (const entry of record.affected ?? []) {
      for (const range of entry.ranges ?? []) if (range.type === 'GIT') this.#report.gitRangesSkipped++;
      if (entry.package === undefined) continue;
      const { ecosystem } = splitEcosystem(entry.package.ecosystem);
      if (!isSupportedEcosystem(ecosystem)) {
        this.#report.unsupportedEcosystems[ecosystem] =
          (this.#report.unsupportedEcosystems[ecosystem] ?? 0) + 1;
      }
    }
  }

  #flush(): void {
    if (this.#batch.length === 0) return;
    for (const outcome of this.#db.write(this.#batch)) this.#report[outcome]++;
    this.#batch = [];
    this.#options.onProgress?.(this.#progress('import'));
  }

  #progress(phase: ImportProgress['phase']): ImportProgress {
    return {
      phase,
      source: this.#current,
      files: this.#report.files,
      imported: this.#report.imported,
      skipped: this.#report.skipped,
      invalid: this.#report.invalid.length,
    };
  }
}
