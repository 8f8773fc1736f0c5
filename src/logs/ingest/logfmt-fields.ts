import type { FieldCollector } from './field-collector.js';

/** How much of a line was `key=value` pairs, to tell logfmt from prose. */
export interface LogfmtShape {
  pairs: number;
  /** Tokens that were not pairs (a bare word, or `=value` without a key). */
  others: number;
  firstIsPair: boolean;
}

const SPACE = 0x20;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Adds the pairs of a logfmt line as LogQL's `| logfmt` reads them: space-separated `key=value` or
 * `key="quoted \"value\""` (`\n` and `\t` escapes; any other escaped character stands for itself);
 * bare words are skipped. Returns undefined when a quoted value is not closed (not logfmt).
 */
export function collectLogfmtFields(line: string, collector: FieldCollector): LogfmtShape | undefined {
  const n = line.length;
  const shape: LogfmtShape = { pairs: 0, others: 0, firstIsPair: false };
  let i = 0;
  while (i < n) {
    while (i < n && line.charCodeAt(i) === SPACE) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n) {
      const ch = line.charCodeAt(i);
      if (ch === SPACE || ch === EQUALS) break;
      i++;
    }
    const key = line.slice(keyStart, i);
    if (i >= n || line.charCodeAt(i) !== EQUALS) {
      shape.others++;
      continue;
    }
    i++;
    let value: string;
    if (i < n && line.charCodeAt(i) === QUOTE) {
      i++;
      value = '';
      let segment = i;
      let closed = false;
      while (i < n) {
        const ch = line.charCodeAt(i);
        if (ch === BACKSLASH && i + 1 < n) {
          const next = line[i + 1] ?? '';
          value += line.slice(segment, i) + (next === 'n' ? '\n' : next === 't' ? '\t' : next);
          i += 2;
          segment = i;
        } else if (ch === QUOTE) {
          value += line.slice(segment, i);
          i++;
          closed = true;
          break;
        } else {
          i++;
        }
      }
      if (!closed) return undefined;
    } else {
      const valueStart = i;
      while (i < n && line.charCodeAt(i) !== SPACE) i++;
      value = line.slice(valueStart, i);
    }
    if (key === '') {
      shape.others++;
      continue;
    }
    if (shape.pairs === 0 && shape.others === 0) shape.firstIsPair = true;
    shape.pairs++;
    collector.add(key, value);
  }
  return shape;
}
