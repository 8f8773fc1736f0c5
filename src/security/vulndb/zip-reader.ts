import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';

/**
 * A small reader for the ZIP archives OSV exports (`<ecosystem>/all.zip`): stored and deflated entries,
 * ZIP64 for archives with more than 65,535 entries (npm's has hundreds of thousands). It reads the central
 * directory (APPNOTE.TXT 6.3.10 §4.3.12-§4.3.16) and then each entry on demand from the file, so the
 * archive is never held in memory. Encryption and other methods are reported per entry.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  encrypted: boolean;
  /** Last modification time from the DOS date and time fields (no zone: read as UTC). */
  modifiedMs: number;
  localHeaderOffset: number;
}

interface RandomAccess {
  readonly size: number;
  read(position: number, length: number): Buffer;
  close(): void;
}

const signatures = {
  endOfCentralDirectory: 0x06054b50,
  zip64EndLocator: 0x07064b50,
  zip64End: 0x06064b50,
  centralHeader: 0x02014b50,
  localHeader: 0x04034b50,
} as const;

export class ZipReader {
  readonly entries: readonly ZipEntry[];
  readonly #file: RandomAccess;

  private constructor(file: RandomAccess) {
    this.#file = file;
    try {
      this.entries = readCentralDirectory(file);
    } catch (error) {
      file.close();
      throw error;
    }
  }

  /** Opens a ZIP file; throws when it is not a readable archive. */
  static open(path: string): ZipReader {
    const fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    return new ZipReader({
      size,
      read(position, length) {
        const buffer = Buffer.alloc(length);
        const n = readSync(fd, buffer, 0, length, position);
        if (n !== length) throw new Error(`unexpected end of archive at byte ${position + n}`);
        return buffer;
      },
      close: () => closeSync(fd),
    });
  }

  static fromBuffer(buffer: Buffer): ZipReader {
    return new ZipReader({
      size: buffer.length,
      read(position, length) {
        if (position + length > buffer.length)
          throw new Error(`unexpected end of archive at byte ${buffer.length}`);
        return buffer.subarray(position, position + length);
      },
      close: () => undefined,
    });
  }

  /** The entry's bytes, inflated and CRC-checked; throws for entries it cannot or must not read. */
  read(entry: ZipEntry, maxBytes = 64 * 1024 * 1024): Buffer {
    if (entry.encrypted) throw new Error('entry is encrypted');
    if (entry.size > maxBytes)
      throw new Error(`entry is ${entry.size} bytes, over the ${maxBytes}-byte limit`);
    const header = this.#file.read(entry.localHeaderOffset, 30);
    if (header.readUInt32LE(0) !== signatures.localHeader) throw new Error('bad local header signature');
    const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const raw = this.#file.read(dataStart, entry.compressedSize);
    let data: Buffer;
    if (entry.method === 0) data = raw;
    else if (entry.method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
    else throw new Error(`compression method ${entry.method} is not supported (only stored and deflate)`);
    if (data.length !== entry.size)
      throw new Error(`size is ${data.length} bytes, the directory says ${entry.size}`);
    if (crc32(data) !== entry.crc32) throw new Error('CRC-32 mismatch: the archive is corrupt');
    return data;
  }

  close(): void {
    this.#file.close();
  }
}

function readCentralDirectory(file: RandomAccess): ZipEntry[] {
  // The end record is 22 bytes plus a comment of up to 65,535 bytes.
  const tailLength = Math.min(file.size, 22 + 0xffff);
  const tail = file.read(file.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === signatures.endOfCentralDirectory) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a ZIP archive (no end of central directory record)');
  let count = tail.readUInt16LE(end + 10);
  let directorySize = tail.readUInt32LE(end + 12);
  let directoryOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locatorAt = end - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== signatures.zip64EndLocator) {
      throw new Error('ZIP64 archive without its end of central directory locator');
    }
    const zip64 = file.read(Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
    if (zip64.readUInt32LE(0) !== signatures.zip64End)
      throw new Error('bad ZIP64 end of central directory record');
    count = Number(zip64.readBigUInt64LE(32));
    directorySize = Number(zip64.readBigUInt64LE(40));
    directoryOffset = Number(zip64.readBigUInt64LE(48));
  }
  const directory = file.read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (directory.readUInt32LE(at) !== signatures.centralHeader)
      throw new Error(`bad central directory entry ${i}`);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      crc32: directory.readUInt32LE(at + 16),
      encrypted: (directory.readUInt16LE(at + 8) & 1) === 1,
      modifiedMs: dosTime(directory.readUInt16LE(at + 14), directory.readUInt16LE(at + 12)),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    applyZip64Extra(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The ZIP64 extended information field (id 1) holds, in order, the 32-bit fields that were saturated. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const next = (): number => {
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + length;
  }
}

function dosTime(date: number, time: number): number {
  return Date.UTC(
    1980 + (date >> 9),
    ((date >> 5) & 0xf) - 1,
    date & 0x1f,
    time >> 11,
    (time >> 5) & 0x3f,
    (time & 0x1f) * 2,
  );
}
