import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { readRange } from './scan-task.js';

/** Sealed blocks and head blocks go to different files: head files empty out on their own. */
export type SegmentKind = 'sealed' | 'head';

interface FileState {
  size: number;
  liveBytes: number;
  liveBlocks: number;
}

interface Writer {
  file: number;
  fd: number;
  size: number;
  dirty: boolean;
}

const fileName = (file: number): string => `${String(file).padStart(8, '0')}.seg`;
const filePattern = /^(\d{8,})\.seg$/;

/**
 * Append-only segment files holding compressed blocks back to back, each sealed block preceded by its
 * token bloom (the index keeps offsets). Each
 * kind has one active file that rolls over at `segmentBytes`. Files are never rewritten in place:
 * compaction copies live blocks forward, and a file whose blocks are all gone is deleted, but only
 * once no query is running (a query may still read blocks it listed earlier).
 */
export class SegmentFiles {
  readonly #dir: string;
  readonly #segmentBytes: number;
  readonly #allocate: () => number;
  readonly #files = new Map<number, FileState>();
  readonly #writers = new Map<SegmentKind, Writer>();
  readonly #readFds = new Map<number, number>();
  readonly #retired = new Set<number>();
  #readers = 0;
  #newFiles = false;

  constructor(dir: string, segmentBytes: number, allocateFileNumber: () => number) {
    this.#dir = dir;
    this.#segmentBytes = segmentBytes;
    this.#allocate = allocateFileNumber;
  }

  /** Registers existing files with their live usage; deletes files no block refers to. */
  load(usage: readonly { file: number; liveBytes: number; blocks: number }[]): void {
    const live = new Map(usage.map((u) => [u.file, u]));
    for (const name of readdirSync(this.#dir)) {
      const match = filePattern.exec(name);
      if (match === null) continue;
      const file = Number(match[1]);
      const used = live.get(file);
      if (used === undefined) {
        unlinkSync(join(this.#dir, name));
        continue;
      }
      const size = statSync(join(this.#dir, name)).size;
      this.#files.set(file, { size, liveBytes: used.liveBytes, liveBlocks: used.blocks });
    }
  }

  path(file: number): string {
    return join(this.#dir, fileName(file));
  }

  /**
   * Appends chunks back to back to the active file of `kind`; durable only after `sync()`. Returns
   * where the last chunk starts (a block after its bloom).
   */
  append(kind: SegmentKind, ...chunks: Uint8Array[]): { file: number; offset: number } {
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const at = this.#appendBytes(kind, total, chunks);
    return { file: at.file, offset: at.offset + total - (chunks.at(-1)?.length ?? 0) };
  }

  #appendBytes(
    kind: SegmentKind,
    total: number,
    chunks: readonly Uint8Array[],
  ): { file: number; offset: number } {
    let writer = this.#writers.get(kind);
    if (writer !== undefined && writer.size + total > this.#segmentBytes && writer.size > 0) {
      this.#closeWriter(kind, writer);
      writer = undefined;
    }
    if (writer === undefined) {
      const file = this.#allocate();
      writer = { file, fd: openSync(this.path(file), 'wx'), size: 0, dirty: false };
      this.#writers.set(kind, writer);
      this.#files.set(file, { size: 0, liveBytes: 0, liveBlocks: 0 });
      this.#newFiles = true;
    }
    const offset = writer.size;
    for (const bytes of chunks) {
      let done = 0;
      while (done < bytes.length)
        done += writeSync(writer.fd, bytes, done, bytes.length - done, writer.size + done);
      writer.size += bytes.length;
    }
    writer.dirty = true;
    const state = this.#files.get(writer.file);
    if (state !== undefined) {
      state.size = writer.size;
      state.liveBytes += total;
      state.liveBlocks += 1;
    }
    return { file: writer.file, offset };
  }

  #closeWriter(kind: SegmentKind, writer: Writer): void {
    if (writer.dirty) fdatasyncSync(writer.fd);
    closeSync(writer.fd);
    this.#writers.delete(kind);
  }

  /** Makes every append so far durable (data, then the directory entries of new files). */
  sync(): void {
    for (const writer of this.#writers.values()) {
      if (!writer.dirty) continue;
      fdatasyncSync(writer.fd);
      writer.dirty = false;
    }
    if (this.#newFiles) {
      const dirFd = openSync(this.#dir, 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
      this.#newFiles = false;
    }
  }

  read(file: number, offset: number, length: number): Buffer {
    return readRange(this.#readFd(file), offset, length, this.path(file));
  }

  /** Reads into `target` (reused by the caller) and returns the filled part. */
  readInto(file: number, offset: number, length: number, target: Buffer): Buffer {
    const fd = this.#readFd(file);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, target, done, length - done, offset + done);
      if (n === 0) throw new RangeError(`${this.path(file)} ends before byte ${offset + length}`);
      done += n;
    }
    return target.subarray(0, length);
  }

  #readFd(file: number): number {
    let fd = this.#readFds.get(file);
    if (fd === undefined) {
      fd = openSync(this.path(file), 'r');
      this.#readFds.set(file, fd);
    }
    return fd;
  }

  /** Counts a block out of its file's live bytes (appends count themselves in). */
  release(file: number, bytes: number): void {
    const state = this.#files.get(file);
    if (state === undefined) return;
    state.liveBytes -= bytes;
    state.liveBlocks -= 1;
  }

  /** Non-active files whose live share fell under `ratio` (and that still hold something). */
  sparseFiles(ratio: number): number[] {
    const active = new Set([...this.#writers.values()].map((w) => w.file));
    return [...this.#files]
      .filter(([file, s]) => !active.has(file) && s.liveBlocks > 0 && s.liveBytes < s.size * ratio)
      .map(([file]) => file);
  }

  /** Deletes files without live blocks (deferred while queries run). */
  retireEmpty(): void {
    const active = new Set([...this.#writers.values()].map((w) => w.file));
    for (const [file, state] of this.#files) {
      if (state.liveBlocks === 0 && !active.has(file)) this.#retired.add(file);
    }
    this.#unlinkRetired();
  }

  /** Marks a query running: files it may read are not deleted until `endRead()`. */
  beginRead(): void {
    this.#readers++;
  }

  endRead(): void {
    this.#readers--;
    this.#unlinkRetired();
  }

  #unlinkRetired(): void {
    if (this.#readers > 0) return;
    for (const file of this.#retired) {
      const fd = this.#readFds.get(file);
      if (fd !== undefined) closeSync(fd);
      this.#readFds.delete(file);
      this.#files.delete(file);
      unlinkSync(this.path(file));
    }
    this.#retired.clear();
  }

  /** Bytes of all segment files on disk. */
  diskBytes(): number {
    let total = 0;
    for (const state of this.#files.values()) total += state.size;
    return total;
  }

  close(): void {
    for (const [kind, writer] of [...this.#writers]) this.#closeWriter(kind, writer);
    for (const fd of this.#readFds.values()) closeSync(fd);
    this.#readFds.clear();
  }
}
