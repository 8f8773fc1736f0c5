/**
 * Maps virtual addresses of an ELF file to file offsets through its PT_LOAD program headers (ELF gABI
 * "Program Header"), enough to follow the pointers of pre-1.18 Go build info.
 */
export interface ElfAddresses {
  readonly littleEndian: boolean;
  readonly pointerSize: 4 | 8;
  /** `length` bytes at virtual address `address`, or undefined when not backed by the file. */
  read(address: number, length: number): Buffer | undefined;
}

const ptLoad = 1;

export function elfAddresses(file: Buffer): ElfAddresses | undefined {
  if (file.length < 52 || file.toString('latin1', 0, 4) !== '\x7fELF') return undefined;
  const is64 = file[4] === 2;
  const littleEndian = file[5] === 1;
  const u16 = (at: number): number => (littleEndian ? file.readUInt16LE(at) : file.readUInt16BE(at));
  const u32 = (at: number): number => (littleEndian ? file.readUInt32LE(at) : file.readUInt32BE(at));
  const u64 = (at: number): number =>
    Number(littleEndian ? file.readBigUInt64LE(at) : file.readBigUInt64BE(at));
  const word = is64 ? u64 : u32;
  const phoff = is64 ? u64(32) : u32(28);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  const segments: { vaddr: number; offset: number; size: number }[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + phentsize > file.length) return undefined;
    if (u32(at) !== ptLoad) continue;
    segments.push(
      is64
        ? { offset: word(at + 8), vaddr: word(at + 16), size: word(at + 32) }
        : { offset: word(at + 4), vaddr: word(at + 8), size: word(at + 16) },
    );
  }
  return {
    littleEndian,
    pointerSize: is64 ? 8 : 4,
    read(address, length) {
      const segment = segments.find((s) => address >= s.vaddr && address + length <= s.vaddr + s.size);
      if (segment === undefined) return undefined;
      const start = segment.offset + (address - segment.vaddr);
      return start + length <= file.length ? file.subarray(start, start + length) : undefined;
    },
  };
}
