import { BerthError } from '../../errors/index.js';
import type { Anomaly } from './anomaly.js';

export interface RateDetectorOptions {
  /** Bucket width. Default 10 s. */
  readonly bucketMs?: number;
  /** EWMA smoothing factor per bucket, in (0, 1]. Default 0.1 (a time constant of about 10 buckets). */
  readonly alpha?: number;
  /** Buckets of history kept for the median-absolute-deviation band. Default 60. */
  readonly madWindow?: number;
  /** Buckets a key must have been watched before it can alert. Default 30. */
  readonly minHistory?: number;
  /** A spike needs at least this many lines in its bucket, a drop this many expected: 0 → 2 is no anomaly. Default 5. */
  readonly minCount?: number;
  /** Alert when |observed − expected| ≥ this many spreads. Default 4. */
  readonly threshold?: number;
}

interface KeyState {
  ewma: number;
  /** Last `madWindow` counts, oldest first. */
  readonly history: number[];
}

/**
 * Rate anomalies per key (a template id, a level such as `level:error`…): lines are counted in fixed buckets and
 * each closed bucket is compared with the key's baseline. Seasonality-naive but robust (issue 5 item 7):
 * - expected = EWMA of past counts, fed with counts clipped to the alert band so one burst does not drag it;
 * - spread = max(1.4826 × MAD of the last `madWindow` counts, √expected, 1): the MAD is the robust σ estimate
 *   (Rousseeuw & Croux 1993), and the Poisson floor √expected keeps a flat series from alerting on ±1;
 * - score = |observed − expected| / spread; alert at ≥ `threshold` once `minHistory` buckets were seen and
 *   `minCount` is met. A key is watched from its first line; a silent bucket counts 0, so drops are seen.
 *
 * Deterministic: time comes only from `observe()` and `advance()`.
 *
 * @example
 * const rates = new RateDetector();
 * rates.observe('level:error', atMs);
 * const anomalies = rates.advance(nowMs); // closes every bucket that ended by nowMs
 */
export class RateDetector {
  readonly #o: Required<RateDetectorOptions>;
  readonly #keys = new Map<string, KeyState>();
  /** Counts of buckets not evaluated yet: bucket index → key → count. */
  readonly #pending = new Map<number, Map<string, number>>();
  /** The first bucket not evaluated yet; undefined until the first line. */
  #next: number | undefined;
  #late = 0;

  constructor(options: RateDetectorOptions = {}) {
    this.#o = resolve(options);
  }

  /** Count `count` lines of `key` at `atMs`. Lines for an already-evaluated bucket are dropped (see `lateLines`). */
  observe(key: string, atMs: number, count = 1): void {
    const bucket = Math.floor(atMs / this.#o.bucketMs);
    this.#next ??= bucket;
    if (bucket < this.#next) {
      this.#late += count;
      return;
    }
    let counts = this.#pending.get(bucket);
    if (counts === undefined) this.#pending.set(bucket, (counts = new Map<string, number>()));
    counts.set(key, (counts.get(key) ?? 0) + count);
  }

  /** Evaluate every bucket that ended at or before `nowMs`, oldest first, and return their anomalies. */
  advance(nowMs: number): Anomaly[] {
    const out: Anomaly[] = [];
    if (this.#next === undefined) return out;
    const lastClosed = Math.floor(nowMs / this.#o.bucketMs) - 1;
    for (; this.#next <= lastClosed; this.#next++) {
      const counts = this.#pending.get(this.#next);
      this.#pending.delete(this.#next);
      for (const key of counts?.keys() ?? []) {
        if (!this.#keys.has(key)) this.#keys.set(key, { ewma: Number.NaN, history: [] });
      }
      for (const [key, state] of this.#keys) {
        const anomaly = this.#evaluate(key, state, counts?.get(key) ?? 0, this.#next);
        if (anomaly !== undefined) out.push(anomaly);
      }
    }
    return out;
  }

  /** Lines that arrived for a bucket already evaluated. */
  get lateLines(): number {
    return this.#late;
  }

  /** The baseline of a key: its EWMA and how many buckets it has been watched (capped at `madWindow`). */
  baseline(key: string): { readonly expected: number; readonly buckets: number } | undefined {
    const state = this.#keys.get(key);
    return state === undefined ? undefined : { expected: state.ewma, buckets: state.history.length };
  }

  #evaluate(key: string, state: KeyState, observed: number, bucket: number): Anomaly | undefined {
    const o = this.#o;
    let anomaly: Anomaly | undefined;
    let fed = observed;
    if (state.history.length >= o.minHistory) {
      const expected = state.ewma;
      const spread = Math.max(1.4826 * mad(state.history), Math.sqrt(Math.max(expected, 0)), 1);
      const z = (observed - expected) / spread;
      const spike = z >= o.threshold && observed >= o.minCount;
      const drop = z <= -o.threshold && expected >= o.minCount;
      if (spike || drop) {
        anomaly = rateAnomaly(key, bucket * o.bucketMs, {
          observed,
          expected,
          spread,
          z,
          bucketMs: o.bucketMs,
        });
      }
      fed = Math.min(Math.max(observed, expected - o.threshold * spread), expected + o.threshold * spread);
    }
    state.ewma = Number.isNaN(state.ewma) ? fed : o.alpha * fed + (1 - o.alpha) * state.ewma;
    state.history.push(observed);
    if (state.history.length > o.madWindow) state.history.shift();
    return anomaly;
  }
}

function rateAnomaly(
  key: string,
  atMs: number,
  v: { observed: number; expected: number; spread: number; z: number; bucketMs: number },
): Anomaly {
  const direction = v.z > 0 ? 'spike' : 'drop';
  const verb = direction === 'spike' ? 'rose' : 'fell';
  return {
    kind: 'rate',
    key,
    atMs,
    score: Math.abs(v.z),
    message: `Rate of ${key} ${verb} to ${v.observed} per ${v.bucketMs / 1000} s (expected ${v.expected.toFixed(1)}).`,
    details: {
      direction,
      observed: v.observed,
      expected: v.expected,
      spread: v.spread,
      bucketMs: v.bucketMs,
    },
  };
}

/** Median absolute deviation from the median. */
function mad(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function resolve(options: RateDetectorOptions): Required<RateDetectorOptions> {
  const o = {
    bucketMs: 10_000,
    alpha: 0.1,
    madWindow: 60,
    minHistory: 30,
    minCount: 5,
    threshold: 4,
    ...options,
  };
  const bad = (name: string, value: number, hint: string): BerthError =>
    new BerthError('BERTH_CONFIG', `RateDetector option ${name} is invalid: ${value}.`, { hint });
  if (!Number.isInteger(o.bucketMs) || o.bucketMs < 1)
    throw bad('bucketMs', o.bucketMs, 'Use whole milliseconds, e.g. 10000.');
  if (!(o.alpha > 0 && o.alpha <= 1)) throw bad('alpha', o.alpha, 'Use a factor in (0, 1], e.g. 0.1.');
  if (!Number.isInteger(o.madWindow) || o.madWindow < 3)
    throw bad('madWindow', o.madWindow, 'Use at least 3 buckets.');
  if (!Number.isInteger(o.minHistory) || o.minHistory < 1 || o.minHistory > o.madWindow) {
    throw bad('minHistory', o.minHistory, `Use an integer between 1 and madWindow (${o.madWindow}).`);
  }
  if (!(o.minCount >= 0)) throw bad('minCount', o.minCount, 'Use a count ≥ 0, e.g. 5.');
  if (!(o.threshold > 0)) throw bad('threshold', o.threshold, 'Use a positive number of spreads, e.g. 4.');
  return o;
}
