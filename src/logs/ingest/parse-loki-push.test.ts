import { describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import { defaultLokiPushLimits, parseLokiPush } from './index.js';

function errorOf(body: unknown, limits = defaultLokiPushLimits): BerthError {
  try {
    parseLokiPush(typeof body === 'string' ? body : JSON.stringify(body), limits);
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected parseLokiPush to throw');
}

const ok = (values: unknown[], stream: unknown = { app: 'shop' }) => ({ streams: [{ stream, values }] });

describe('parseLokiPush', () => {
  it('reads streams, nanosecond timestamps, lines and structured metadata, keeping the sent order', () => {
    const body = {
      streams: [
        {
          stream: { app: 'shop', service: 'web' },
          values: [
            ['1714564800000000002', 'second'],
            ['1714564800000000001', 'first, sent late', { trace_id: 'abc' }],
          ],
        },
        { stream: { app: 'db' }, values: [] },
      ],
    };
    expect(parseLokiPush(JSON.stringify(body))).toEqual([
      {
        labels: { app: 'shop', service: 'web' },
        entries: [
          { timestampNs: 1714564800000000002n, timestampMs: 1714564800000, line: 'second' },
          {
            timestampNs: 1714564800000000001n,
            timestampMs: 1714564800000,
            line: 'first, sent late',
            metadata: { trace_id: 'abc' },
          },
        ],
      },
      { labels: { app: 'db' }, entries: [] },
    ]);
  });

  it.each([
    [
      'a timestamp given as a number',
      ok([[1714564800, 'x']]),
      'streams[0].values[0][0]: expected a nanosecond timestamp string',
    ],
    [
      'a timestamp that is not digits',
      ok([['2024-05-01', 'x']]),
      'streams[0].values[0][0]: expected a nanosecond timestamp string',
    ],
    [
      'a timestamp past int64',
      ok([['99999999999999999999', 'x']]),
      'streams[0].values[0][0]: expected a nanosecond',
    ],
    ['a missing line', ok([['1']]), 'streams[0].values[0]: '],
    [
      'a line that is not a string',
      ok([['1', 5]]),
      'streams[0].values[0][1]: expected the log line as a string',
    ],
    ['four elements', ok([['1', 'x', {}, 'extra']]), 'streams[0].values[0]: '],
    [
      'metadata with a number',
      ok([['1', 'x', { n: 1 }]]),
      'streams[0].values[0][2].n: expected structured metadata values to be strings',
    ],
    [
      'a label name with a dash',
      ok([], { 'dash-name': 'x' }),
      'streams[0].stream["dash-name"]: label name must match [a-zA-Z_][a-zA-Z0-9_]*',
    ],
    [
      'a label name starting with a digit',
      ok([], { '1a': 'x' }),
      'streams[0].stream["1a"]: label name must match',
    ],
    [
      'a label value that is not a string',
      ok([], { app: 1 }),
      'streams[0].stream.app: expected label values to be strings',
    ],
    ['no labels', ok([], {}), 'streams[0].stream: a stream needs at least one label'],
    ['no streams key', { stream: [] }, 'streams: expected "streams" to be an array'],
    ['an array body', [], '(body): expected a JSON object'],
  ])('rejects %s with a message naming the place', (_why, body, message) => {
    const error = errorOf(body);
    expect(error.code).toBe('BERTH_BAD_REQUEST');
    expect(error.message).toContain(message);
  });

  it('names the exact entry among several streams', () => {
    const body = {
      streams: [0, 1, 2].map((i) => ({
        stream: { app: `a${i}` },
        values: Array.from({ length: 6 }, (_, j) => [i === 2 && j === 5 ? 'soon' : String(j + 1), 'line']),
      })),
    };
    expect(errorOf(body).message).toBe(
      'invalid Loki push body: streams[2].values[5][0]: expected a nanosecond timestamp string (Unix epoch nanoseconds, digits only)',
    );
  });

  it('lists at most five problems and counts the rest', () => {
    const error = errorOf(ok(Array.from({ length: 8 }, () => ['x', 'line'])));
    expect(error.message.split('; ')).toHaveLength(5);
    expect(error.message).toMatch(/\(and 3 more\)$/);
    expect(error.details?.issues).toHaveLength(8);
  });

  it('ignores fields it does not know, as Loki does', () => {
    const body = { streams: [{ stream: { app: 'a' }, values: [['1', 'x']], extra: true }], other: 1 };
    expect(parseLokiPush(JSON.stringify(body))).toEqual([
      { labels: { app: 'a' }, entries: [{ timestampNs: 1n, timestampMs: 0, line: 'x' }] },
    ]);
  });

  it('rejects bodies that are not JSON', () => {
    expect(errorOf('{"streams":').message).toMatch(/^the Loki push body is not valid JSON/);
  });

  it.each([
    [
      'too many labels',
      ok([], Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`l${i}`, 'v']))),
      '16 labels, more than the limit of 15',
    ],
    ['a long label name', ok([], { ['n'.repeat(1025)]: 'v' }), 'label name is longer than 1024 characters'],
    ['a long label value', ok([], { app: 'v'.repeat(2049) }), 'label value is longer than 2048 characters'],
    ['a line over max_line_size', ok([['1', 'é'.repeat(131_073)]]), 'line is longer than 262144 bytes'],
    [
      'too much metadata',
      ok([['1', 'x', Object.fromEntries(Array.from({ length: 129 }, (_, i) => [`k${i}`, 'v']))]]),
      'more than 128 structured metadata entries',
    ],
  ])('enforces Loki’s default limits: %s', (_why, body, message) => {
    expect(errorOf(body).message).toContain(message);
  });

  it('accepts a line of exactly max_line_size bytes', () => {
    const [stream] = parseLokiPush(JSON.stringify(ok([['1', 'é'.repeat(131_072)]])));
    expect(stream?.entries[0]?.line).toHaveLength(131_072);
  });
});
