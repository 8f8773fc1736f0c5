import { asText, isRecord, isTrue } from '../plain-value.js';

/** The parts of a `volumes:` entry the mount rules need. */
export interface VolumeMount {
  /** Host path of a bind mount (normalized), or `undefined` for named and anonymous volumes and tmpfs. */
  hostPath: string | undefined;
  readOnly: boolean;
  /** `bind.propagation` or the propagation flag of the short syntax, if any. */
  propagation: string | undefined;
}

const propagationModes = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

/**
 * Reads a service `volumes:` entry in short (`SOURCE:TARGET[:MODE]`) or long syntax (Compose spec,
 * services.volumes). A source that starts with `/`, `.` or `~` is a bind mount; anything else names a
 * volume. `${VAR:-/default}` sources are judged by their default.
 */
export function parseVolumeMount(entry: unknown): VolumeMount | undefined {
  if (isRecord(entry)) {
    const type = asText(entry.type) ?? 'volume';
    const source = withoutInterpolation(asText(entry.source));
    const isBind = type === 'bind' || (source !== undefined && isHostPath(source));
    const bind = isRecord(entry.bind) ? entry.bind : {};
    return {
      hostPath: isBind && source !== undefined ? normalizeHostPath(source) : undefined,
      readOnly: isTrue(entry.read_only),
      propagation: asText(bind.propagation),
    };
  }
  const text = asText(entry);
  if (text === undefined) return undefined;
  const parts = splitShortSyntax(text);
  if (parts.length < 2) return { hostPath: undefined, readOnly: false, propagation: undefined };
  const source = withoutInterpolation(parts[0]) ?? '';
  const options = (parts[2] ?? '').split(',');
  return {
    hostPath: isHostPath(source) ? normalizeHostPath(source) : undefined,
    readOnly: options.includes('ro'),
    propagation: options.find((option) => propagationModes.has(option)),
  };
}

/** Splits on `:` but keeps `${VAR:-default}` together. */
function splitShortSyntax(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of text) {
    if (char === '{') depth += 1;
    if (char === '}') depth = Math.max(0, depth - 1);
    if (char === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function withoutInterpolation(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  const withDefault = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-(.*)\}$/.exec(source.trim());
  return withDefault ? withDefault[1] : source.trim();
}

function isHostPath(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
}

/** Collapses `//`, drops `.` segments and trailing slashes so `/etc/` and `/etc` compare equal. */
export function normalizeHostPath(source: string): string {
  if (!source.startsWith('/')) return source;
  const segments = source.split('/').filter((segment) => segment !== '' && segment !== '.');
  return `/${segments.join('/')}`;
}
