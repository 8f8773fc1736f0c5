import type { FileReducer } from '../image/index.js';
import { goBuildInfoMagic, inlineBuildInfoLength, parseGoBuildInfo } from './go-buildinfo.js';

/** First bytes of executables that may hold Go build info: ELF, PE (`MZ`), Mach-O (thin and fat). */
const executableMagics = ['7f454c46', '4d5a', 'feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].map(
  (hex) => Buffer.from(hex, 'hex'),
);
const isExecutable = (head: Buffer): boolean =>
  executableMagics.some((magic) => head.subarray(0, magic.length).equals(magic));

/**
 * Go's linker puts an ELF note named `Go` of type 4 (the build ID) in the first pages (cmd/internal/buildid
 * reads only the first 32 KiB); only such binaries can hold pointer-form build info worth buffering.
 */
const noteWindowBytes = 32 * 1024;
function hasGoBuildIdNote(head: Buffer): boolean {
  const name = Buffer.from('Go\0\0', 'latin1');
  for (let at = head.indexOf(name); at !== -1; at = head.indexOf(name, at + 1)) {
    if (at < 12) continue;
    const le = head.readUInt32LE(at - 12) === 4 && head.readUInt32LE(at - 4) === 4;
    const be = head.readUInt32BE(at - 12) === 4 && head.readUInt32BE(at - 4) === 4;
    if (le || be) return true;
  }
  return false;
}

/** Build info of the largest modules lists is tens of KiB; a longer candidate is not build info. */
const maxWindowBytes = 4 * 1024 * 1024;
const maxCandidates = 16;

/**
 * Streams an executable past and keeps only its Go build info: from Go 1.18 the header and inline strings
 * (a few KiB), found without holding the binary; for the pointer form of Go 1.13-1.17 the whole binary,
 * when it is an ELF file with a Go build ID note and at most `maxWholeBytes` (default 50 MiB), since its
 * strings live elsewhere in the file.
 * Non-executables are rejected on their first bytes.
 */
export function goBuildInfoReducer(options: { maxWholeBytes?: number } = {}): FileReducer {
  const maxWholeBytes = options.maxWholeBytes ?? 50 * 1024 * 1024;
  let rejected = false;
  let result: Buffer | undefined;
  let whole: Buffer[] | undefined = [];
  let wholeBytes = 0;
  let pointerForm = false;
  let tail = Buffer.alloc(0);
  let candidates: { parts: Buffer[]; bytes: number }[] = [];

  const settle = (candidate: { parts: Buffer[]; bytes: number }): boolean => {
    const window = Buffer.concat(candidate.parts);
    candidate.parts = [window];
    const length = inlineBuildInfoLength(window);
    if (length === undefined) return candidate.bytes < maxWindowBytes;
    if (length === 'pointer') pointerForm = true;
    if (typeof length !== 'number' || length > maxWindowBytes) return false;
    if (window.length < length) return true;
    const info = Buffer.from(window.subarray(0, length));
    if (parseGoBuildInfo(info) !== undefined) {
      result = info;
      whole = undefined;
    }
    return false;
  };

  let pending: Buffer[] | undefined = [];

  const consume = (chunk: Buffer): void => {
    if (whole !== undefined) {
      const before = wholeBytes;
      whole.push(chunk);
      wholeBytes += chunk.length;
      if (wholeBytes > maxWholeBytes) whole = undefined;
      // Only ELF files with a Go build ID note are worth holding (PE and Mach-O pointer form is unread).
      else if (
        before < noteWindowBytes &&
        wholeBytes >= noteWindowBytes &&
        !hasGoBuildIdNote(Buffer.concat(whole, noteWindowBytes))
      ) {
        whole = undefined;
      }
    }
    for (const candidate of candidates) {
      candidate.parts.push(chunk);
      candidate.bytes += chunk.length;
    }
    // A header may straddle the previous chunk and this one: look at the seam without copying the chunk.
    if (tail.length > 0) {
      const seam = Buffer.concat([tail, chunk.subarray(0, goBuildInfoMagic.length - 1)]);
      const at = seam.indexOf(goBuildInfoMagic);
      if (at !== -1 && at < tail.length)
        candidates.push({ parts: [tail.subarray(at), chunk], bytes: tail.length - at + chunk.length });
    }
    for (let at = chunk.indexOf(goBuildInfoMagic); at !== -1; at = chunk.indexOf(goBuildInfoMagic, at + 1)) {
      if (candidates.length >= maxCandidates) break;
      const start = chunk.subarray(at);
      candidates.push({ parts: [start], bytes: start.length });
    }
    if (candidates.length > 0) candidates = candidates.filter(settle);
    const keep = goBuildInfoMagic.length - 1;
    tail =
      chunk.length >= keep
        ? Buffer.from(chunk.subarray(chunk.length - keep))
        : Buffer.concat([tail, chunk]).subarray(-keep);
  };

  return {
    get done() {
      return rejected || result !== undefined;
    },
    write(chunk) {
      if (rejected || result !== undefined) return;
      if (pending !== undefined) {
        // Decide on the first four bytes, however the tar body happens to be chunked.
        pending.push(chunk);
        // Only the first four bytes: concatenating whole chunks here copied a megabyte a binary.
        const head = Buffer.concat(pending.map((part) => part.subarray(0, 4)));
        if (head.length < 4) return;
        const chunks = pending;
        pending = undefined;
        if (!isExecutable(head)) {
          rejected = true;
          whole = undefined;
          return;
        }
        for (const part of chunks) consume(part);
        return;
      }
      consume(chunk);
    },
    end() {
      if (result !== undefined) return result;
      if (!pointerForm || whole === undefined) return undefined;
      const file = Buffer.concat(whole);
      return wholeBytes >= noteWindowBytes || hasGoBuildIdNote(file) ? file : undefined;
    },
  };
}
