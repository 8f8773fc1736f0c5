// Test-only builders of Go build info in both encodings (cmd/link/internal/ld/data.go `buildinfo`).
const magic = Buffer.from('\xff Go buildinf:', 'latin1');
/** cmd/go/internal/modload infoStart / infoEnd. */
const sentinelStart = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const sentinelEnd = Buffer.from('f932433186182072008242104116d8f2', 'hex');

function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

const wrapped = (modinfo: string): Buffer =>
  Buffer.concat([sentinelStart, Buffer.from(modinfo), sentinelEnd]);

/** A fake ELF executable with Go 1.18+ inline build info at a 16-aligned offset after `padding` bytes. */
export function inlineGoBinary(goVersion: string, modinfo: string, padding = 4096): Buffer {
  const header = Buffer.alloc(32);
  magic.copy(header);
  header[14] = 8;
  header[15] = 0x2;
  const version = Buffer.from(goVersion);
  const mod = wrapped(modinfo);
  const elf = Buffer.alloc(padding);
  elf.write('\x7fELF', 'latin1');
  return Buffer.concat([
    elf,
    header,
    uvarint(version.length),
    version,
    uvarint(mod.length),
    mod,
    Buffer.alloc(1000),
  ]);
}

/**
 * A minimal 64-bit little-endian ELF (64 KiB) with one PT_LOAD segment mapping the file at 0x400000, a Go
 * build ID note, and Go 1.17 pointer-form build info: two pointers to Go string headers, which point at
 * the strings.
 */
export function pointerGoBinary(goVersion: string, modinfo: string): Buffer {
  const base = 0x400000;
  const file = Buffer.alloc(0x10000);
  file.write('\x7fELF', 0, 'latin1');
  file[4] = 2; // ELFCLASS64
  file[5] = 1; // little-endian
  file.writeBigUInt64LE(64n, 32); // e_phoff
  file.writeUInt16LE(56, 54); // e_phentsize
  file.writeUInt16LE(1, 56); // e_phnum
  file.writeUInt32LE(1, 64); // PT_LOAD
  file.writeBigUInt64LE(0n, 64 + 8); // p_offset
  file.writeBigUInt64LE(BigInt(base), 64 + 16); // p_vaddr
  file.writeBigUInt64LE(BigInt(file.length), 64 + 32); // p_filesz

  // The Go build ID note (namesz 4, descsz 8, type 4, "Go\0\0", id) that Go's linker puts up front.
  file.writeUInt32LE(4, 0x200);
  file.writeUInt32LE(8, 0x204);
  file.writeUInt32LE(4, 0x208);
  file.write('Go\0\0buildid!', 0x20c, 'latin1');

  const strings = 0x1000;
  const version = Buffer.from(goVersion);
  const mod = wrapped(modinfo);
  version.copy(file, strings);
  mod.copy(file, strings + 0x100);
  const headers = 0x2800;
  file.writeBigUInt64LE(BigInt(base + strings), headers);
  file.writeBigUInt64LE(BigInt(version.length), headers + 8);
  file.writeBigUInt64LE(BigInt(base + strings + 0x100), headers + 16);
  file.writeBigUInt64LE(BigInt(mod.length), headers + 24);

  const buildinfo = 0x2000;
  magic.copy(file, buildinfo);
  file[buildinfo + 14] = 8;
  file[buildinfo + 15] = 0;
  file.writeBigUInt64LE(BigInt(base + headers), buildinfo + 16);
  file.writeBigUInt64LE(BigInt(base + headers + 16), buildinfo + 24);
  return file;
}

export const sampleModinfo = [
  'path\texample.com/app/cmd/app',
  'mod\texample.com/app\tv1.4.0\th1:abc=',
  'dep\tgolang.org/x/net\tv0.17.0\th1:net=',
  'dep\tgithub.com/old/lib\tv1.0.0',
  '=>\tgithub.com/fork/lib\tv1.0.1-fix\th1:fork=',
  'dep\tk8s.io/api\tv0.0.0',
  '=>\t./staging/src/k8s.io/api\t(devel)\t',
  'build\t-compiler=gc',
  'build\tCGO_ENABLED=0',
  'build\tvcs.revision=0123abcd',
  '',
].join('\n');
