import { elfAddresses } from './elf-addresses.js';

/** The build information the Go linker embeds in every binary (`go version -m`; runtime/debug.BuildInfo). */
export interface GoBuildInfo {
  /** `go1.21.5`, possibly with experiments (`go1.21.5 X:boringcrypto`). */
  readonly goVersion: string;
  /** The main package path (`github.com/org/app/cmd/app`). */
  readonly path: string | undefined;
  readonly main: GoModule | undefined;
  readonly deps: readonly GoModule[];
  readonly settings: ReadonlyMap<string, string>;
}

export interface GoModule {
  readonly path: string;
  readonly version: string;
  readonly sum: string | undefined;
  /** The `=>` replacement the build used instead. */
  readonly replace: GoModule | undefined;
}

export const goBuildInfoMagic = Buffer.from('\xff Go buildinf:', 'latin1');
const headerSize = 32;
const flagBigEndian = 0x1;
const flagInline = 0x2;

/** A Go varint (unsigned LEB128) at `at`: value and width, or undefined when cut off. */
function uvarint(data: Buffer, at: number): { value: number; width: number } | undefined {
  let value = 0;
  for (let i = 0; i < 10 && at + i < data.length; i++) {
    const byte = data[at + i] ?? 0;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return { value, width: i + 1 };
  }
  return undefined;
}

/** Go 1.18+: version and modinfo follow the 32-byte header as varint-length-prefixed strings. */
function readInline(data: Buffer, at: number): [string, string] | undefined {
  let offset = at + headerSize;
  const strings: string[] = [];
  for (let i = 0; i < 2; i++) {
    const length = uvarint(data, offset);
    if (length === undefined || offset + length.width + length.value > data.length) return undefined;
    offset += length.width;
    strings.push(data.toString('utf8', offset, offset + length.value));
    offset += length.value;
  }
  return [strings[0] ?? '', strings[1] ?? ''];
}

/** Bytes needed after the magic for the inline form (header plus both strings), once knowable. */
export function inlineBuildInfoLength(window: Buffer): number | 'pointer' | 'invalid' | undefined {
  if (window.length < headerSize + 2) return undefined;
  const pointerSize = window[14];
  if (pointerSize !== 4 && pointerSize !== 8) return 'invalid';
  if (((window[15] ?? 0) & flagInline) === 0) return 'pointer';
  let offset = headerSize;
  for (let i = 0; i < 2; i++) {
    const length = uvarint(window, offset);
    if (length === undefined) return window.length >= headerSize + 20 ? 'invalid' : undefined;
    offset += length.width + length.value;
  }
  return offset;
}

/** Go 1.13-1.17: two pointers to Go string headers, resolved through the ELF program headers. */
function readPointers(file: Buffer, at: number): [string, string] | undefined {
  const elf = elfAddresses(file);
  const pointerSize = file[at + 14];
  if (elf === undefined || (pointerSize !== 4 && pointerSize !== 8)) return undefined;
  const bigEndian = ((file[at + 15] ?? 0) & flagBigEndian) !== 0;
  const pointer = (buf: Buffer, offset: number): number =>
    pointerSize === 8
      ? Number(bigEndian ? buf.readBigUInt64BE(offset) : buf.readBigUInt64LE(offset))
      : bigEndian
        ? buf.readUInt32BE(offset)
        : buf.readUInt32LE(offset);
  const goString = (address: number): string | undefined => {
    const header = elf.read(address, 2 * pointerSize);
    if (header === undefined) return undefined;
    const length = pointer(header, pointerSize);
    if (length > 16 * 1024 * 1024) return undefined;
    return elf.read(pointer(header, 0), length)?.toString('utf8');
  };
  const version = goString(pointer(file, at + 16));
  const modinfo = goString(pointer(file, at + 16 + pointerSize));
  return version === undefined ? undefined : [version, modinfo ?? ''];
}

/** modinfo is wrapped in 16-byte sentinels (cmd/go/internal/modload `infoStart`/`infoEnd`). */
function stripSentinels(modinfo: string): string {
  return modinfo.length >= 33 && modinfo[modinfo.length - 17] === '\n' ? modinfo.slice(16, -16) : modinfo;
}

/** Parses modinfo lines (runtime/debug `ParseBuildInfo`): `path`, `mod`, `dep`, `=>`, `build`. */
export function parseModinfo(goVersion: string, modinfo: string): GoBuildInfo {
  let path: string | undefined;
  let main: GoModule | undefined;
  const deps: GoModule[] = [];
  const settings = new Map<string, string>();
  let last: { list: 'main' | 'deps'; index: number } | undefined;
  for (const line of modinfo.split('\n')) {
    const [kind, ...fields] = line.split('\t');
    const module = (): GoModule => ({
      path: fields[0] ?? '',
      version: fields[1] ?? '',
      sum: fields[2],
      replace: undefined,
    });
    if (kind === 'path') path = fields[0];
    else if (kind === 'mod') {
      main = module();
      last = { list: 'main', index: 0 };
    } else if (kind === 'dep') {
      deps.push(module());
      last = { list: 'deps', index: deps.length - 1 };
    } else if (kind === '=>' && last !== undefined) {
      const replace = module();
      if (last.list === 'main' && main !== undefined) main = { ...main, replace };
      const dep = deps[last.index];
      if (last.list === 'deps' && dep !== undefined) deps[last.index] = { ...dep, replace };
    } else if (kind === 'build') {
      const setting = fields.join('\t');
      const equals = setting.indexOf('=');
      if (equals > 0) settings.set(setting.slice(0, equals), setting.slice(equals + 1));
    }
  }
  return { goVersion, path, main, deps, settings };
}

/**
 * Finds and decodes a Go binary's build info: the `\xff Go buildinf:` header, then either the inline
 * strings of Go 1.18+ or the pointers of Go 1.13-1.17 (ELF only). `data` may be the whole binary or an
 * excerpt starting anywhere before the header (what the streaming reducer keeps). Undefined when absent.
 *
 * @example
 * parseGoBuildInfo(readFileSync('/usr/bin/caddy'))?.goVersion; // 'go1.19.8'
 */
export function parseGoBuildInfo(data: Buffer): GoBuildInfo | undefined {
  for (let at = data.indexOf(goBuildInfoMagic); at !== -1; at = data.indexOf(goBuildInfoMagic, at + 1)) {
    if (at + headerSize > data.length) break;
    const inline = ((data[at + 15] ?? 0) & flagInline) !== 0;
    // The pointer form sits 16-aligned in .go.buildinfo; elsewhere the magic is just a string constant.
    const strings = inline ? readInline(data, at) : at % 16 === 0 ? readPointers(data, at) : undefined;
    if (strings === undefined || !/^(go\d|devel )/.test(strings[0])) continue;
    return parseModinfo(strings[0], stripSentinels(strings[1]));
  }
  return undefined;
}
