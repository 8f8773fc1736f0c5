import { FieldCollector, type FieldLimits } from './field-collector.js';
import { collectJsonFields } from './json-fields.js';
import { findLevelWord, type LogLevel } from './log-level.js';
import { findLeadingTimestamp } from './log-timestamp.js';
import { collectLogfmtFields } from './logfmt-fields.js';
import type { Instant } from './parse-rfc3339.js';

export type LogFormat = 'json' | 'logfmt' | 'plain';

/** What parsing found in one line. */
export interface ParsedLine {
  format: LogFormat;
  /** Structured metadata (never labels: values are unbounded). Empty for plain lines. */
  fields: Record<string, string>;
  /** The normalised level from a level field, or from a level word near the start of a plain line. */
  level?: LogLevel;
  /** The time the line states (a time field, or a timestamp at the start of a plain line). */
  time?: Instant;
  /** Fields left out because the line had more than `maxFields`. */
  droppedFields: number;
  /** Values cut to `maxValueChars`. */
  truncatedValues: number;
}

export interface LineParserOptions {
  /** Most fields kept per line. */
  maxFields?: number;
  /** Longest value kept, in UTF-16 characters. */
  maxValueChars?: number;
}

const WINDOW = 32;

/**
 * Parses the lines of one stream. Each line is checked on its own (a stream may switch format, for
 * example a JSON app behind a plain-text banner): a line whose first non-blank character is `{` and
 * that parses as a JSON object is JSON; a line whose first token, or at least half of whose tokens,
 * are `key=value` pairs is logfmt; anything else is plain. Field names agree with LogQL's `| json` and
 * `| logfmt`, so a query finds what ingest stored.
 *
 * @example
 * const parser = new LineParser();
 * parser.parse('{"level":"warn","ts":1714564800,"req":{"id":7}}');
 * // { format: 'json', fields: { level: 'warn', ts: '1714564800', req_id: '7' }, level: 'warn', time: {...}, ... }
 */
export class LineParser {
  readonly #limits: FieldLimits;
  readonly #names = new Map<string, string>();
  readonly #recent: LogFormat[] = [];
  #next = 0;

  constructor(options: LineParserOptions = {}) {
    this.#limits = { maxFields: options.maxFields ?? 32, maxValueChars: options.maxValueChars ?? 1024 };
  }

  /** The stream's format: the most common among its last 32 lines (`plain` before any line). */
  get format(): LogFormat {
    let json = 0;
    let logfmt = 0;
    for (const format of this.#recent) {
      if (format === 'json') json++;
      else if (format === 'logfmt') logfmt++;
    }
    const plain = this.#recent.length - json - logfmt;
    if (json > logfmt && json > plain) return 'json';
    return logfmt > plain ? 'logfmt' : 'plain';
  }

  parse(line: string): ParsedLine {
    const parsed = this.#parse(line);
    this.#recent[this.#next] = parsed.format;
    this.#next = (this.#next + 1) % WINDOW;
    return parsed;
  }

  #parse(line: string): ParsedLine {
    if (firstNonBlank(line) === 0x7b) {
      const collector = new FieldCollector(this.#limits, this.#names);
      if (collectJsonFields(line, collector)) return result('json', collector);
    }
    if (line.includes('=')) {
      const collector = new FieldCollector(this.#limits, this.#names);
      const shape = collectLogfmtFields(line, collector);
      if (shape !== undefined && shape.pairs > 0 && (shape.firstIsPair || shape.pairs >= shape.others)) {
        return result('logfmt', collector);
      }
    }
    const parsed: ParsedLine = { format: 'plain', fields: {}, droppedFields: 0, truncatedValues: 0 };
    const level = findLevelWord(line);
    if (level !== undefined) parsed.level = level;
    const time = findLeadingTimestamp(line);
    if (time !== undefined) parsed.time = time;
    return parsed;
  }
}

function result(format: LogFormat, collector: FieldCollector): ParsedLine {
  const parsed: ParsedLine = {
    format,
    fields: collector.fields,
    droppedFields: collector.dropped,
    truncatedValues: collector.truncated,
  };
  if (collector.level !== undefined) parsed.level = collector.level;
  if (collector.time !== undefined) parsed.time = collector.time;
  return parsed;
}

function firstNonBlank(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch !== 0x20 && ch !== 0x09) return ch;
  }
  return -1;
}
