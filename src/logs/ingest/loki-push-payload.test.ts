import { describe, expect, it } from 'vitest';
import { buildLokiPushPayload, parseLokiPush, type ExportRecord } from './index.js';

const records: ExportRecord[] = [
  { labels: { app: 'shop', stream: 'stdout' }, timestampNs: 1714564800000000001n, line: 'a' },
  { labels: { stream: 'stderr', app: 'shop' }, timestampNs: 1714564800000000002n, line: 'b', level: 'error' },
  {
    labels: { stream: 'stdout', app: 'shop' },
    timestampNs: 1714564800000000003n,
    line: 'c',
    metadata: { user: 'ann' },
  },
  { labels: { app: 'shop', stream: 'stdout' }, timestampNs: 1714564800000000004n, line: 'd', metadata: {} },
];

describe('buildLokiPushPayload', () => {
  it('groups records into one stream per label set, whatever the label order, keeping record order', () => {
    expect(buildLokiPushPayload(records)).toEqual({
      streams: [
        {
          stream: { app: 'shop', stream: 'stdout' },
          values: [
            ['1714564800000000001', 'a'],
            ['1714564800000000003', 'c', { user: 'ann' }],
            ['1714564800000000004', 'd'],
          ],
        },
        { stream: { stream: 'stderr', app: 'shop' }, values: [['1714564800000000002', 'b']] },
      ],
    });
  });

  it('produces a body Berth’s own push endpoint accepts unchanged', () => {
    const streams = parseLokiPush(JSON.stringify(buildLokiPushPayload(records)));
    expect(streams.flatMap((s) => s.entries.map((e) => [e.timestampNs, e.line, e.metadata]))).toEqual([
      [1714564800000000001n, 'a', undefined],
      [1714564800000000003n, 'c', { user: 'ann' }],
      [1714564800000000004n, 'd', undefined],
      [1714564800000000002n, 'b', undefined],
    ]);
  });

  it('builds an empty push for no records', () => {
    expect(buildLokiPushPayload([])).toEqual({ streams: [] });
  });
});
