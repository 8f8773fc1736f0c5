import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** One proxied request as Caddy's JSON access log records it. */
export interface AccessRecord {
  atMs: number;
  upstream: string;
  status: number;
  durationMs: number;
}

/** Parses one access-log line; undefined for lines without an upstream (e.g. a 503 with no replica). */
export function parseAccessLine(line: string): AccessRecord | undefined {
  let entry: { ts?: number; status?: number; duration?: number; resp_headers?: Record<string, string[]> };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    return undefined;
  }
  const upstream = entry.resp_headers?.['X-Berth-Upstream']?.[0];
  if (!upstream || entry.ts === undefined || entry.status === undefined || entry.duration === undefined)
    return undefined;
  return { atMs: entry.ts * 1000, upstream, status: entry.status, durationMs: entry.duration * 1000 };
}

export interface TrafficStats {
  requests: number;
  errors5xx: number;
  /** Percent of requests answered with a 5xx status. */
  errorRate: number;
  p99Ms: number | undefined;
}

/** Summarises records: count, 5xx rate and p99 latency (nearest-rank). */
export function trafficStats(records: readonly AccessRecord[]): TrafficStats {
  const errors5xx = records.filter((r) => r.status >= 500).length;
  const sorted = records.map((r) => r.durationMs).sort((a, b) => a - b);
  const rank = Math.ceil(0.99 * sorted.length) - 1;
  return {
    requests: records.length,
    errors5xx,
    errorRate: records.length === 0 ? 0 : (100 * errors5xx) / records.length,
    p99Ms: sorted.length === 0 ? undefined : sorted[Math.max(0, rank)],
  };
}

/**
 * Follows the ingress access log (by byte offset, starting over when the file was rolled) and keeps the
 * last `keepMs` of records in memory, for rollout verification and per-upstream counters.
 */
export class AccessLogReader {
  readonly #path: string;
  readonly #keepMs: number;
  #offset = 0;
  #partial = '';
  #records: AccessRecord[] = [];

  constructor(path: string, keepMs = 10 * 60_000) {
    this.#path = path;
    this.#keepMs = keepMs;
    try {
      this.#offset = statSync(path).size; // only traffic from now on matters
    } catch {
      this.#offset = 0;
    }
  }

  /** Reads what was appended since the last call. */
  poll(now = Date.now()): void {
    let size: number;
    try {
      size = statSync(this.#path).size;
    } catch {
      return;
    }
    if (size < this.#offset) {
      this.#offset = 0;
      this.#partial = '';
    }
    if (size > this.#offset) {
      const fd = openSync(this.#path, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(size - this.#offset, 16 * 1024 * 1024));
        const read = readSync(fd, buffer, 0, buffer.length, this.#offset);
        this.#offset += read;
        const lines = (this.#partial + buffer.subarray(0, read).toString('utf8')).split('\n');
        this.#partial = lines.pop() ?? '';
        for (const line of lines) {
          const record = parseAccessLine(line);
          if (record) this.#records.push(record);
        }
      } finally {
        closeSync(fd);
      }
    }
    const cutoff = now - this.#keepMs;
    if (this.#records.length > 0 && (this.#records[0]?.atMs ?? now) < cutoff)
      this.#records = this.#records.filter((r) => r.atMs >= cutoff);
  }

  /** Records of these upstreams since `sinceMs`. */
  records(upstreams: ReadonlySet<string>, sinceMs: number): AccessRecord[] {
    return this.#records.filter((r) => r.atMs >= sinceMs && upstreams.has(r.upstream));
  }
}
