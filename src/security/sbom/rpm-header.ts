import type { OsPackage } from './os-package.js';

/** Header tags (rpm lib/rpmtag.h). */
export const rpmTags = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  arch: 1022,
  oldFileNames: 1027,
  sourceRpm: 1044,
  dirIndexes: 1116,
  baseNames: 1117,
  dirNames: 1118,
} as const;

/** Tag data types (rpm lib/rpmtag.h `rpmTagType`). */
const types = { int32: 4, string: 6, stringArray: 8, i18nString: 9 } as const;

interface IndexEntry {
  type: number;
  offset: number;
  count: number;
}

/**
 * Reads the tags Berth needs from an rpm header blob as rpmdb stores it (BerkeleyDB, NDB and SQLite
 * alike): big-endian `il` entry count and `dl` data length, `il` 16-byte entries (tag, type, offset,
 * count), then the data store (rpm lib/header.c `headerImport`). Returns undefined for a malformed blob.
 */
export function parseRpmHeader(blob: Buffer): OsPackage | undefined {
  if (blob.length < 8) return undefined;
  const il = blob.readInt32BE(0);
  const dl = blob.readInt32BE(4);
  const dataStart = 8 + il * 16;
  if (il <= 0 || dl < 0 || il > 0xffff || dataStart + dl > blob.length) return undefined;
  const data = blob.subarray(dataStart, dataStart + dl);
  const entries = new Map<number, IndexEntry>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    entries.set(blob.readInt32BE(at), {
      type: blob.readUInt32BE(at + 4),
      offset: blob.readInt32BE(at + 8),
      count: blob.readUInt32BE(at + 12),
    });
  }
  const strings = (tag: number): string[] => {
    const entry = entries.get(tag);
    if (entry === undefined || entry.offset < 0 || entry.offset >= data.length) return [];
    if (entry.type !== types.string && entry.type !== types.stringArray && entry.type !== types.i18nString)
      return [];
    const count = entry.type === types.string ? 1 : entry.count;
    const out: string[] = [];
    let at = entry.offset;
    for (let i = 0; i < count && at < data.length; i++) {
      const end = data.indexOf(0, at);
      const stop = end === -1 ? data.length : end;
      out.push(data.toString('utf8', at, stop));
      at = stop + 1;
    }
    return out;
  };
  const int32s = (tag: number): number[] => {
    const entry = entries.get(tag);
    if (entry?.type !== types.int32 || entry.offset < 0 || entry.offset + entry.count * 4 > data.length)
      return [];
    return Array.from({ length: entry.count }, (_, i) => data.readInt32BE(entry.offset + i * 4));
  };

  const name = strings(rpmTags.name)[0];
  const version = strings(rpmTags.version)[0];
  const release = strings(rpmTags.release)[0];
  if (name === undefined || version === undefined) return undefined;
  const epoch = int32s(rpmTags.epoch)[0];
  const evr = `${epoch !== undefined && epoch !== 0 ? `${epoch}:` : ''}${version}${release === undefined ? '' : `-${release}`}`;
  const source = parseSourceRpm(strings(rpmTags.sourceRpm)[0]);
  const dirNames = strings(rpmTags.dirNames);
  const dirIndexes = int32s(rpmTags.dirIndexes);
  const files = strings(rpmTags.baseNames).map((base, i) => `${dirNames[dirIndexes[i] ?? -1] ?? ''}${base}`);
  files.push(...strings(rpmTags.oldFileNames));
  return {
    name,
    version: evr,
    epoch,
    architecture: strings(rpmTags.arch)[0],
    sourceName: source?.name ?? name,
    // Source rpms carry no epoch of their own; Red Hat advisories use the binary's.
    sourceVersion:
      source === undefined
        ? evr
        : `${epoch !== undefined && epoch !== 0 ? `${epoch}:` : ''}${source.version}`,
    files: files.map((path) => path.replace(/^\/+/, '')),
  };
}

/** `bash-5.1.8-6.el9.src.rpm` → name `bash`, version `5.1.8-6.el9`. */
export function parseSourceRpm(file: string | undefined): { name: string; version: string } | undefined {
  const match = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(file ?? '');
  return match === null ? undefined : { name: match[1] ?? '', version: `${match[2]}-${match[3]}` };
}
