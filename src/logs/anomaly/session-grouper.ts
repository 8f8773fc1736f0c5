import { BerthError } from '../../errors/index.js';

/** One log line as the session detector sees it: its time, its template and its text (to find session keys). */
export interface SessionEvent {
  readonly atMs: number;
  readonly templateId: string;
  readonly text: string;
}

/** The template counts of one session: the lines of one key (e.g. an HDFS block) with no idle gap between them. */
export interface Session {
  readonly key: string;
  /** 0 for the first session of a key, 1 for the one after the first idle gap, … */
  readonly segment: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly lines: number;
  /** Lines per template id. */
  readonly counts: ReadonlyMap<string, number>;
}

export interface SessionGrouperOptions {
  /** The session keys of a line; a line with several keys belongs to each. Lines with none are ignored. */
  readonly keysOf: (text: string) => readonly string[];
  /**
   * A key's session closes after this long without a line, and its next line starts a new segment. Default 30
   * minutes, the usual web-analytics session timeout. Why split at all: one HDFS block is written in seconds and
   * deleted hours later; without a gap both phases share one count vector, and a workload that deletes fewer blocks
   * breaks the learned relations (measured on hdfs-2pct-loglead, see scripts/eval-anomaly). `Infinity` never splits.
   */
  readonly idleGapMs?: number;
}

/** The HDFS block id key extractor (`blk_-?\d+`, Xu et al. SOSP 2009 sessions). */
export function hdfsBlockKeys(text: string): readonly string[] {
  const found = text.match(/blk_-?\d+/g);
  return found === null ? [] : [...new Set(found)];
}

interface OpenSession {
  readonly key: string;
  readonly segment: number;
  readonly startMs: number;
  endMs: number;
  lines: number;
  readonly counts: Map<string, number>;
}

/**
 * Groups a time-ordered stream of lines into sessions by key and idle gap. Pure: time comes from the events and
 * from `closeIdle(nowMs)`.
 *
 * @example
 * const grouper = new SessionGrouper({ keysOf: hdfsBlockKeys });
 * grouper.add({ atMs: 0, templateId: 'T1', text: 'Receiving block blk_1' });
 * grouper.closeAll(); // [{ key: 'blk_1', segment: 0, lines: 1, counts: Map { 'T1' => 1 }, … }]
 */
export class SessionGrouper {
  readonly #keysOf: (text: string) => readonly string[];
  readonly #idleGapMs: number;
  readonly #open = new Map<string, OpenSession>();
  readonly #segments = new Map<string, number>();

  constructor(options: SessionGrouperOptions) {
    const idleGapMs = options.idleGapMs ?? 30 * 60_000;
    if (!(idleGapMs > 0)) {
      throw new BerthError('BERTH_CONFIG', `Session idleGapMs must be positive, got ${idleGapMs}.`, {
        hint: 'Use e.g. 1800000 (30 minutes), or Infinity to never split a key into segments.',
      });
    }
    this.#keysOf = options.keysOf;
    this.#idleGapMs = idleGapMs;
  }

  /** Add one line; returns the sessions its keys closed (those idle for longer than the gap). */
  add(event: SessionEvent): Session[] {
    const closed: Session[] = [];
    for (const key of this.#keysOf(event.text)) {
      let open = this.#open.get(key);
      if (open !== undefined && event.atMs - open.endMs > this.#idleGapMs) {
        closed.push(freeze(open));
        open = undefined;
      }
      if (open === undefined) {
        const segment = this.#segments.get(key) ?? 0;
        this.#segments.set(key, segment + 1);
        open = { key, segment, startMs: event.atMs, endMs: event.atMs, lines: 0, counts: new Map() };
        this.#open.set(key, open);
      }
      open.endMs = Math.max(open.endMs, event.atMs);
      open.lines++;
      open.counts.set(event.templateId, (open.counts.get(event.templateId) ?? 0) + 1);
    }
    return closed;
  }

  /** Close and return every session idle for longer than the gap at `nowMs`. */
  closeIdle(nowMs: number): Session[] {
    const closed: Session[] = [];
    for (const open of this.#open.values()) {
      if (nowMs - open.endMs > this.#idleGapMs) closed.push(freeze(open));
    }
    for (const s of closed) this.#open.delete(s.key);
    return closed;
  }

  /** Close and return every open session (end of input). */
  closeAll(): Session[] {
    const closed = [...this.#open.values()].map(freeze);
    this.#open.clear();
    return closed;
  }

  /** How many sessions are open. */
  get openCount(): number {
    return this.#open.size;
  }
}

/**
 * Group a whole time-ordered log at once.
 *
 * @example
 * groupSessions(events, { keysOf: hdfsBlockKeys }).length;
 */
export function groupSessions(events: Iterable<SessionEvent>, options: SessionGrouperOptions): Session[] {
  const grouper = new SessionGrouper(options);
  const out: Session[] = [];
  for (const event of events) out.push(...grouper.add(event));
  out.push(...grouper.closeAll());
  return out.sort(
    (a, b) => a.startMs - b.startMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.segment - b.segment),
  );
}

function freeze(open: OpenSession): Session {
  return {
    key: open.key,
    segment: open.segment,
    startMs: open.startMs,
    endMs: open.endMs,
    lines: open.lines,
    counts: open.counts,
  };
}
