import { normalizeLevel, type LogLevel } from './log-level.js';
import { parseLogTimestamp } from './log-timestamp.js';
import type { Instant } from './parse-rfc3339.js';

/** Bounds on what one line may add as structured metadata. */
export interface FieldLimits {
  maxFields: number;
  maxValueChars: number;
}

// Field names (as written in the line, after JSON flattening) that carry the line's own time and level.
const TIME_KEYS = new Set(['ts', 'time', 'timestamp', '@timestamp', 't', '@t', 'Time', 'Timestamp']);
const LEVEL_KEYS = new Set([
  'level',
  'lvl',
  'severity',
  'Level',
  'LEVEL',
  'Severity',
  'levelname',
  'log.level',
  'log_level',
  'loglevel',
  '@l',
]);
const MAX_CACHED_NAMES = 10_000;

/**
 * Collects the fields of one line under {@link FieldLimits}, with LogQL's naming (a name sanitised to
 * `[a-zA-Z0-9_:]`, a leading digit prefixed with `_`; the first of duplicate names wins), and notes
 * the first time and level fields on the way. Private to the ingest folder.
 */
export class FieldCollector {
  readonly fields: Record<string, string> = {};
  count = 0;
  dropped = 0;
  truncated = 0;
  time: Instant | undefined;
  level: LogLevel | undefined;
  readonly #limits: FieldLimits;
  readonly #names: Map<string, string>;

  /** `names` caches sanitised names across lines (streams repeat their keys). */
  constructor(limits: FieldLimits, names: Map<string, string>) {
    this.#limits = limits;
    this.#names = names;
  }

  add(rawKey: string, value: string): void {
    if (this.time === undefined && TIME_KEYS.has(rawKey)) this.time = parseLogTimestamp(value);
    else if (this.level === undefined && LEVEL_KEYS.has(rawKey)) this.level = normalizeLevel(value);
    let name = this.#names.get(rawKey);
    if (name === undefined) {
      name = sanitizeFieldName(rawKey);
      if (this.#names.size >= MAX_CACHED_NAMES) this.#names.clear();
      this.#names.set(rawKey, name);
    }
    if (Object.hasOwn(this.fields, name)) return;
    // `__proto__` would set the object's prototype instead of a field.
    if (this.count >= this.#limits.maxFields || name === '__proto__') {
      this.dropped++;
      return;
    }
    this.count++;
    this.fields[name] = value.length > this.#limits.maxValueChars ? this.#cut(value) : value;
  }

  #cut(value: string): string {
    this.truncated++;
    let end = this.#limits.maxValueChars;
    // Do not leave half of a surrogate pair.
    const last = value.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    return value.slice(0, end);
  }
}

/** LogQL's label-name rule (Loki sanitises parsed names the same way), so `| json` finds the same names. */
export function sanitizeFieldName(key: string): string {
  const cleaned = key.replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}
