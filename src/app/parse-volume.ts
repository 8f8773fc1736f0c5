import type { ParseResult } from './parse-result.js';

export interface ShortVolume {
  /** Volume name or host path; undefined for an anonymous volume (`/data`). */
  source?: string;
  target: string;
  /** Access mode options after the second colon, e.g. ['ro']. */
  options: string[];
}

/**
 * Splits Compose's short volume syntax `[SOURCE:]TARGET[:MODE]` (Compose Specification, `volumes`),
 * e.g. `data:/var/lib/data:ro`, `./site:/usr/share/nginx/html`, `/data`.
 *
 * @example
 * parseVolume('data:/var/lib/data:ro'); // { ok: true, value: { source: 'data', target: '/var/lib/data', options: ['ro'] } }
 */
export function parseVolume(text: string): ParseResult<ShortVolume> {
  const parts = text.split(':');
  if (parts.length > 3) return { ok: false, reason: 'expected [SOURCE:]TARGET[:MODE]' };
  const [first = '', second, third] = parts;
  const source = parts.length === 1 ? undefined : first;
  const target = parts.length === 1 ? first : (second ?? '');
  if (source === '') return { ok: false, reason: 'the source before ":" is empty' };
  if (!target.startsWith('/')) return { ok: false, reason: `the container path "${target}" is not absolute` };
  const options = third === undefined ? [] : third.split(',').filter((o) => o !== '');
  return { ok: true, value: { ...(source === undefined ? {} : { source }), target, options } };
}
