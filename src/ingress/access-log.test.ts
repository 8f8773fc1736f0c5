import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccessLogReader, parseAccessLine, trafficStats } from './access-log.js';

const line = (ts: number, upstream: string, status: number, durationS: number): string =>
  JSON.stringify({
    level: 'info',
    ts,
    msg: 'handled request',
    duration: durationS,
    status,
    resp_headers: { 'X-Berth-Upstream': [upstream] },
  });

describe('access log', () => {
  it('parses the upstream, status and duration of a Caddy access line', () => {
    expect(parseAccessLine(line(1000, '10.0.0.2:80', 502, 0.25))).toEqual({
      atMs: 1_000_000,
      upstream: '10.0.0.2:80',
      status: 502,
      durationMs: 250,
    });
    expect(parseAccessLine('{"status":503}')).toBeUndefined();
    expect(parseAccessLine('not json')).toBeUndefined();
  });

  it('summarises 5xx rate and p99 latency', () => {
    const records = Array.from({ length: 100 }, (_, i) => ({
      atMs: i,
      upstream: 'u',
      status: i < 10 ? 500 : 200,
      durationMs: i + 1,
    }));
    expect(trafficStats(records)).toEqual({ requests: 100, errors5xx: 10, errorRate: 10, p99Ms: 99 });
    expect(trafficStats([])).toEqual({ requests: 0, errors5xx: 0, errorRate: 0, p99Ms: undefined });
  });

  it('follows appended lines, split writes and a rolled file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-access-'));
    const path = join(dir, 'access.log');
    try {
      writeFileSync(path, `${line(1, 'old:80', 200, 0.1)}\n`);
      const reader = new AccessLogReader(path);
      const full = line(2000, 'a:80', 200, 0.1);
      appendFileSync(path, `${full.slice(0, 20)}`);
      reader.poll(2_000_000);
      appendFileSync(path, `${full.slice(20)}\n${line(2001, 'b:80', 500, 0.2)}\n`);
      reader.poll(2_001_000);
      expect(reader.records(new Set(['a:80', 'b:80', 'old:80']), 0).map((r) => r.upstream)).toEqual([
        'a:80',
        'b:80',
      ]);
      writeFileSync(path, `${line(2002, 'c:80', 200, 0.1)}\n`);
      reader.poll(2_002_000);
      expect(reader.records(new Set(['c:80']), 0)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
