// Test-only writer of rpm header blobs as rpmdb stores them (rpm lib/header.c `headerExport`, no lead).
type Tag = { tag: number; type: 4 | 6 | 8; value: number | string | readonly (string | number)[] };

export function rpmHeaderBlob(tags: readonly Tag[]): Buffer {
  const entries: Buffer[] = [];
  const data: Buffer[] = [];
  let size = 0;
  for (const { tag, type, value } of tags) {
    const values = Array.isArray(value) ? value : [value];
    let bytes: Buffer;
    if (type === 4) {
      // INT32 data is 4-aligned in the store.
      const pad = (4 - (size % 4)) % 4;
      if (pad > 0) {
        data.push(Buffer.alloc(pad));
        size += pad;
      }
      bytes = Buffer.alloc(values.length * 4);
      values.forEach((v, i) => bytes.writeInt32BE(Number(v), i * 4));
    } else {
      bytes = Buffer.concat(values.map((v) => Buffer.from(`${String(v)}\0`)));
    }
    const entry = Buffer.alloc(16);
    entry.writeInt32BE(tag, 0);
    entry.writeUInt32BE(type, 4);
    entry.writeInt32BE(size, 8);
    entry.writeUInt32BE(values.length, 12);
    entries.push(entry);
    data.push(bytes);
    size += bytes.length;
  }
  const head = Buffer.alloc(8);
  head.writeInt32BE(entries.length, 0);
  head.writeInt32BE(size, 4);
  return Buffer.concat([head, ...entries, ...data]);
}

export function rpmPackage(p: {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  arch: string;
  sourceRpm: string;
  files: string[];
}): Buffer {
  const dirs = [...new Set(p.files.map((f) => f.slice(0, f.lastIndexOf('/') + 1)))];
  return rpmHeaderBlob([
    { tag: 1000, type: 6, value: p.name },
    { tag: 1001, type: 6, value: p.version },
    { tag: 1002, type: 6, value: p.release },
    ...(p.epoch === undefined ? [] : [{ tag: 1003, type: 4 as const, value: p.epoch }]),
    { tag: 1022, type: 6, value: p.arch },
    { tag: 1044, type: 6, value: p.sourceRpm },
    { tag: 1116, type: 4, value: p.files.map((f) => dirs.indexOf(f.slice(0, f.lastIndexOf('/') + 1))) },
    { tag: 1117, type: 8, value: p.files.map((f) => f.slice(f.lastIndexOf('/') + 1)) },
    { tag: 1118, type: 8, value: dirs },
  ]);
}
