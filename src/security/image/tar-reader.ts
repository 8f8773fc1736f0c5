import { ByteReader } from './byte-reader.js';
import { imageError } from './image-errors.js';

export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'directory' | 'other';

export interface TarEntry {
  /** The path as stored (not normalised): `./etc/passwd`, `etc/`, `usr/bin/x`. */
  readonly path: string;
  readonly type: TarEntryType;
  /** Body size in bytes (0 for links and directories). */
  readonly size: number;
  readonly mode: number;
  /** Target of a symlink or hardlink. */
  readonly linkName: string;
  /** The body, readable once and only until the next entry is requested; unread bytes are skipped. */
  readonly body: AsyncIterable<Buffer>;
}

const block = 512;
/** pax and GNU long-name records are metadata; anything larger is a broken or hostile archive. */
const maxMetaBytes = 1024 * 1024;

const typeByFlag: Readonly<Record<string, TarEntryType>> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '5': 'directory',
};

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const nul = field.indexOf(0);
  return field.subarray(0, nul === -1 ? field.length : nul).toString('utf8');
}

/** Numeric fields are octal text, or base-256 when the top bit of the first byte is set (GNU, star). */
function number(header: Buffer, start: number, length: number): number {
  const field = header.subarray(start, start + length);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = (field[0] ?? 0) & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const digits = field
    .toString('latin1')
    .replace(/[\0 ]+/g, ' ')
    .trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

function checksumMatches(header: Buffer): boolean {
  // The checksum field itself counts as eight spaces (POSIX ustar "chksum").
  let unsigned = 8 * 0x20;
  for (let i = 0; i < block; i++) if (i < 148 || i >= 156) unsigned += header[i] as number;
  const stored = number(header, 148, 8);
  if (stored === unsigned) return true;
  // Some old tars summed signed bytes.
  let signed = 8 * 0x20;
  for (let i = 0; i < block; i++) {
    if (i >= 148 && i < 156) continue;
    const byte = header[i] as number;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === signed;
}

/** pax extended header records: `<length> <key>=<value>\n` (POSIX.1-2001 pax format). */
function parsePax(body: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset);
    const length = parseInt(body.toString('latin1', offset, space), 10);
    if (space === -1 || !Number.isFinite(length) || length <= 0) break;
    const record = body.toString('utf8', space + 1, offset + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}

/**
 * Reads a tar stream (ustar, pax and GNU long names, base-256 sizes) entry by entry without buffering
 * bodies. `what` names the archive in errors ("layer sha256:…").
 *
 * @example
 * for await (const entry of readTar(fs.createReadStream('layer.tar'), 'layer.tar')) {
 *   if (entry.path === 'etc/os-release') for await (const chunk of entry.body) process(chunk);
 * }
 */
export async function* readTar(source: AsyncIterable<Uint8Array>, what: string): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source);
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  try {
    for (;;) {
      const headerAt = reader.position;
      const header = await reader.read(block);
      if (header.length === 0) return;
      if (header.length < block) throw truncated(what, headerAt);
      if (header.every((byte) => byte === 0)) {
        // End of archive; read the padding so a digest computed over the stream sees every byte.
        for await (const _ of reader.rest());
        return;
      }
      if (!checksumMatches(header)) {
        throw imageError(
          'invalid',
          `${what} is not a tar archive (bad header checksum at byte ${headerAt})`,
          {
            hint: 'The image is damaged or was cut short; export or pull it again.',
          },
        );
      }
      const flag = String.fromCharCode(header[156] ?? 0);
      const size = pax.has('size') ? Number(pax.get('size')) : number(header, 124, 12);
      const bodyAt = reader.position;
      const end = bodyAt + Math.ceil(size / block) * block;

      if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
        if (size > maxMetaBytes) throw metaTooLarge(what, headerAt, size);
        const body = await reader.read(size);
        if (body.length < size) throw truncated(what, bodyAt);
        await reader.skip(end - reader.position);
        if (flag === 'x') pax = parsePax(body);
        else if (flag === 'L') longName = text(body, 0, body.length);
        else if (flag === 'K') longLink = text(body, 0, body.length);
        continue;
      }

      const magic = header.toString('latin1', 257, 263);
      const prefix = magic === 'ustar\0' ? text(header, 345, 155) : '';
      const name = text(header, 0, 100);
      const path = pax.get('path') ?? longName ?? (prefix === '' ? name : `${prefix}/${name}`);
      const linkName = pax.get('linkpath') ?? longLink ?? text(header, 157, 100);
      pax = new Map();
      longName = undefined;
      longLink = undefined;

      const type = typeByFlag[flag] ?? 'other';
      yield {
        path,
        type: type === 'file' && path.endsWith('/') ? 'directory' : type,
        size,
        mode: number(header, 100, 8),
        linkName,
        body: reader.chunks(size),
      };
      await reader.skip(end - reader.position);
      if (reader.position < end) throw truncated(what, end);
    }
  } finally {
    await reader.close();
  }
}

const truncated = (what: string, at: number): Error =>
  imageError('invalid', `${what} ends in the middle of a tar entry (byte ${at})`, {
    hint: 'The image is damaged or was cut short; export or pull it again.',
  });

const metaTooLarge = (what: string, at: number, size: number): Error =>
  imageError('invalid', `${what} has a ${size}-byte tar metadata record at byte ${at}`, {
    hint: `Long-name and pax records above ${maxMetaBytes} bytes are refused; the archive is damaged.`,
  });
