import { NewTemplateDetector, RateDetector, type Anomaly } from '../anomaly/index.js';
import { TemplateMiner } from '../patterns/index.js';

/** A template with its counts over a window, as `berth patterns` lists it. */
export interface PatternView {
  templateId: string;
  template: string;
  count: number;
  firstSeenMs: number;
  lastSeenMs: number;
  /** Seen for the first time after the app's newest release started. */
  new: boolean;
}

const minuteMs = 60_000;
const hourMs = 3_600_000;

/** Counts per signature: minute buckets for the last day, then hour buckets (kept for retention). */
interface SignatureCounts {
  minutes: Map<number, number>;
  hours: Map<number, number>;
  firstSeenMs: number;
  lastSeenMs: number;
}

/** The persisted form (a JSON file per app). */
export interface PatternTrackerState {
  version: 1;
  miner: unknown;
  counts: [string, { m: [number, number][]; h: [number, number][]; f: number; l: number }][];
  release?: { id: string; atMs: number };
}

/**
 * One app's patterns on ingest (issue 5 item 6): every line goes through the online template miner;
 * counts are kept per line signature (stable for ever) in time buckets, so `--since` windows are exact
 * to the minute for a day and to the hour after; templates new since the latest release and level
 * rates off their baseline become anomalies.
 */
export class PatternTracker {
  readonly #miner: TemplateMiner;
  readonly #counts = new Map<string, SignatureCounts>();
  readonly #newTemplates = new NewTemplateDetector();
  readonly #rates = new RateDetector();
  readonly #newSince = new Map<string, number>();
  #release: { id: string; atMs: number } | undefined;
  #lastCompactMs = 0;

  constructor(state?: PatternTrackerState) {
    this.#miner = state ? TemplateMiner.fromJSON(state.miner) : new TemplateMiner();
    for (const [signature, c] of state?.counts ?? []) {
      this.#counts.set(signature, {
        minutes: new Map(c.m),
        hours: new Map(c.h),
        firstSeenMs: c.f,
        lastSeenMs: c.l,
      });
    }
    if (state)
      this.#newTemplates.learn(
        this.#miner.templates().map((t) => ({ templateId: t.id, template: t.template })),
      );
    if (state?.release) {
      this.#release = state.release;
      this.#newTemplates.release(state.release.id, state.release.atMs);
    }
  }

  /** Marks the start of a release: templates first seen from now on are "new". */
  release(id: string, atMs: number): void {
    if (this.#release?.id === id) return;
    this.#release = { id, atMs };
    this.#newTemplates.release(id, atMs);
    this.#newSince.clear();
  }

  get releaseId(): string | undefined {
    return this.#release?.id;
  }

  /** Mines one entry; returns the anomalies it completes (a new template seen often enough). */
  add(message: string, atMs: number, level: string | undefined): Anomaly[] {
    const result = this.#miner.add(message, atMs);
    let counts = this.#counts.get(result.signatureId);
    if (!counts) {
      counts = { minutes: new Map(), hours: new Map(), firstSeenMs: atMs, lastSeenMs: atMs };
      this.#counts.set(result.signatureId, counts);
    }
    const minute = Math.floor(atMs / minuteMs) * minuteMs;
    counts.minutes.set(minute, (counts.minutes.get(minute) ?? 0) + 1);
    counts.firstSeenMs = Math.min(counts.firstSeenMs, atMs);
    counts.lastSeenMs = Math.max(counts.lastSeenMs, atMs);
    this.#rates.observe(`level:${level ?? 'unknown'}`, atMs);
    const anomaly = this.#newTemplates.observe({
      templateId: result.templateId,
      template: result.template,
      atMs,
    });
    if (this.#release && atMs >= this.#release.atMs && result.isNew)
      this.#newSince.set(result.signatureId, atMs);
    return anomaly ? [anomaly] : [];
  }

  /** Closes rate buckets that ended by `nowMs` and reports levels off their baseline. */
  advance(nowMs: number): Anomaly[] {
    if (nowMs - this.#lastCompactMs > hourMs) this.#compact(nowMs);
    return this.#rates.advance(nowMs);
  }

  /** Templates with lines in `[sinceMs, untilMs)`, most frequent first. */
  patterns(sinceMs: number, untilMs: number): PatternView[] {
    const byTemplate = new Map<string, PatternView>();
    for (const [signature, counts] of this.#counts) {
      const count = windowCount(counts, sinceMs, untilMs);
      if (count === 0) continue;
      const current = this.#miner.resolve(signature);
      if (!current) continue;
      const view = byTemplate.get(current.templateId) ?? {
        templateId: current.templateId,
        template: current.template,
        count: 0,
        firstSeenMs: counts.firstSeenMs,
        lastSeenMs: counts.lastSeenMs,
        new: false,
      };
      view.count += count;
      view.firstSeenMs = Math.min(view.firstSeenMs, counts.firstSeenMs);
      view.lastSeenMs = Math.max(view.lastSeenMs, counts.lastSeenMs);
      view.new ||= this.#newSince.has(signature);
      byTemplate.set(current.templateId, view);
    }
    // A template is new only if none of its signatures predates the release.
    for (const view of byTemplate.values()) {
      if (view.new && this.#release && view.firstSeenMs < this.#release.atMs) view.new = false;
    }
    return [...byTemplate.values()].sort(
      (a, b) => b.count - a.count || a.templateId.localeCompare(b.templateId),
    );
  }

  /** Forgets counts older than `beforeMs` (retention). */
  dropBefore(beforeMs: number): void {
    for (const [signature, counts] of this.#counts) {
      for (const key of counts.minutes.keys()) if (key < beforeMs) counts.minutes.delete(key);
      for (const key of counts.hours.keys()) if (key + hourMs <= beforeMs) counts.hours.delete(key);
      if (counts.minutes.size === 0 && counts.hours.size === 0) this.#counts.delete(signature);
    }
  }

  toJSON(): PatternTrackerState {
    return {
      version: 1,
      miner: this.#miner.toJSON(),
      counts: [...this.#counts].map(([signature, c]) => [
        signature,
        { m: [...c.minutes], h: [...c.hours], f: c.firstSeenMs, l: c.lastSeenMs },
      ]),
      ...(this.#release ? { release: this.#release } : {}),
    };
  }

  /** Folds minute buckets older than a day into hour buckets. */
  #compact(nowMs: number): void {
    this.#lastCompactMs = nowMs;
    const cutoff = nowMs - 24 * hourMs;
    for (const counts of this.#counts.values()) {
      for (const [minute, count] of counts.minutes) {
        if (minute >= cutoff) continue;
        const hour = Math.floor(minute / hourMs) * hourMs;
        counts.hours.set(hour, (counts.hours.get(hour) ?? 0) + count);
        counts.minutes.delete(minute);
      }
    }
  }
}

/** Lines in the window; an hour bucket counts when it lies wholly inside the window. */
function windowCount(counts: SignatureCounts, sinceMs: number, untilMs: number): number {
  let total = 0;
  for (const [minute, count] of counts.minutes)
    if (minute >= sinceMs - minuteMs + 1 && minute < untilMs) total += count;
  for (const [hour, count] of counts.hours)
    if (hour >= sinceMs - hourMs + 1 && hour < untilMs) total += count;
  return total;
}
