import { stackTraceContinuation, type ContinuationTest } from './stack-trace-continuation.js';

/** What the grouper needs of an entry: the stream it belongs to and its text. */
export interface GroupableEntry {
  stream: string;
  line: string;
}

/** Several consecutive entries of one stream joined into one. */
export interface MultilineGroup<T extends GroupableEntry> {
  /** The first entry: its timestamp is the group's. */
  first: T;
  /** The last entry: its checkpoint cursor is the group's. */
  last: T;
  /** The lines joined with "\n". */
  line: string;
  lineCount: number;
}

export interface MultilineOptions {
  /**
   * How entries are grouped: a regex whose matching lines start a new entry (the others continue the
   * current one), `'stacktrace'` for the built-in preset, or `'off'` (the default: every line alone).
   */
  mode?: 'off' | 'stacktrace' | { startPattern: RegExp };
  /** Most lines in one group; a longer trace continues in a new group. */
  maxLines?: number;
  /** Most UTF-16 characters in one group's text; a longer trace continues in a new group. */
  maxChars?: number;
  /** A group waiting this long for another line is emitted ({@link MultilineGrouper.flushDue}). */
  flushTimeoutMs?: number;
}

interface Pending<T extends GroupableEntry> {
  first: T;
  last: T;
  lines: string[];
  chars: number;
  lastPushMs: number;
}

/**
 * Joins multi-line entries (stack traces) that a program wrote as several lines, per stream. The
 * caller drives time: {@link push} returns the groups a new line completes, {@link flushDue} the groups
 * that waited `flushTimeoutMs` for another line.
 *
 * @example
 * const grouper = new MultilineGrouper<DockerLogLine>({ mode: 'stacktrace' });
 * for (const group of grouper.push(line, Date.now())) store(group);
 * setInterval(() => grouper.flushDue(Date.now()).forEach(store), 250);
 */
export class MultilineGrouper<T extends GroupableEntry> {
  readonly #continues: ContinuationTest | undefined;
  readonly #maxLines: number;
  readonly #maxChars: number;
  readonly #flushTimeoutMs: number;
  readonly #pending = new Map<string, Pending<T>>();

  constructor(options: MultilineOptions = {}) {
    const mode = options.mode ?? 'off';
    if (mode === 'off') this.#continues = undefined;
    else if (mode === 'stacktrace') this.#continues = stackTraceContinuation;
    else {
      // A stateful /g or /y regex would make `test` depend on the previous call.
      const start = new RegExp(mode.startPattern.source, mode.startPattern.flags.replace(/[gy]/g, ''));
      this.#continues = (line) => !start.test(line);
    }
    this.#maxLines = options.maxLines ?? 500;
    this.#maxChars = options.maxChars ?? 1024 * 1024;
    this.#flushTimeoutMs = options.flushTimeoutMs ?? 1000;
  }

  /** Adds an entry; returns the groups it completes (the stream's previous group when it starts a new one). */
  push(entry: T, nowMs: number): MultilineGroup<T>[] {
    if (this.#continues === undefined) return [{ first: entry, last: entry, line: entry.line, lineCount: 1 }];
    const pending = this.#pending.get(entry.stream);
    if (pending !== undefined) {
      const previous = pending.lines[pending.lines.length - 1] ?? '';
      const fits =
        pending.lines.length < this.#maxLines && pending.chars + 1 + entry.line.length <= this.#maxChars;
      if (fits && this.#continues(entry.line, previous)) {
        pending.lines.push(entry.line);
        pending.chars += 1 + entry.line.length;
        pending.last = entry;
        pending.lastPushMs = nowMs;
        return [];
      }
    }
    this.#pending.set(entry.stream, {
      first: entry,
      last: entry,
      lines: [entry.line],
      chars: entry.line.length,
      lastPushMs: nowMs,
    });
    return pending === undefined ? [] : [toGroup(pending)];
  }

  /** Emits the groups that have waited `flushTimeoutMs` or more since their last line. */
  flushDue(nowMs: number): MultilineGroup<T>[] {
    const out: MultilineGroup<T>[] = [];
    for (const [stream, pending] of this.#pending) {
      if (nowMs - pending.lastPushMs >= this.#flushTimeoutMs) {
        this.#pending.delete(stream);
        out.push(toGroup(pending));
      }
    }
    return out;
  }

  /** Emits every waiting group (the stream ended or the collector stops). */
  flush(): MultilineGroup<T>[] {
    const out = [...this.#pending.values()].map(toGroup);
    this.#pending.clear();
    return out;
  }

  /** The earliest time a waiting group becomes due, for the caller's timer; undefined when none waits. */
  get nextDueMs(): number | undefined {
    let next: number | undefined;
    for (const pending of this.#pending.values()) {
      const due = pending.lastPushMs + this.#flushTimeoutMs;
      if (next === undefined || due < next) next = due;
    }
    return next;
  }
}

function toGroup<T extends GroupableEntry>(pending: Pending<T>): MultilineGroup<T> {
  return {
    first: pending.first,
    last: pending.last,
    line: pending.lines.join('\n'),
    lineCount: pending.lines.length,
  };
}
