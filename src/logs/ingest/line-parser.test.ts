import { describe, expect, it } from 'vitest';
import { parseLogql, runLogQuery, type LogQuery } from '../logql/index.js';
import { LineParser } from './index.js';

describe('LineParser', () => {
  it('flattens a JSON line like LogQL: nested keys joined with "_", arrays skipped, scalars as text', () => {
    const parsed = new LineParser().parse(
      '{"msg":"hi","req":{"id":7,"ok":true,"tags":["a"],"user":{"name":"ann"}},"n":null,"1st":1,"a-b":2}',
    );
    expect(parsed.format).toBe('json');
    expect(parsed.fields).toEqual({
      msg: 'hi',
      req_id: '7',
      req_ok: 'true',
      req_user_name: 'ann',
      n: '',
      _1st: '1',
      a_b: '2',
    });
  });

  it('reads logfmt pairs with quoted and escaped values and skips bare words', () => {
    const parsed = new LineParser().parse('level=info msg="said \\"hi\\"\\n" dur=5ms bare path=/x?y=1');
    expect(parsed.format).toBe('logfmt');
    expect(parsed.fields).toEqual({ level: 'info', msg: 'said "hi"\n', dur: '5ms', path: '/x?y=1' });
  });

  it.each([
    ['prose with one pair', 'Starting server on port=8080 now', 'plain'],
    ['prose with no pair', 'hello world', 'plain'],
    ['an unterminated quote', 'level=info msg="broken', 'plain'],
    ['a brace that is not JSON', '{not json} level=warn msg=x', 'logfmt'],
    ['a JSON array', '[1,2,3]', 'plain'],
    ['pairs after a word, half the tokens', 'GET status=200 bytes=12', 'logfmt'],
    ['leading blanks before JSON', '  {"a":1}', 'json'],
  ])('classifies %s (%j) as %s', (_why, line, format) => {
    expect(new LineParser().parse(line).format).toBe(format);
  });

  it('keeps at most maxFields fields and counts the dropped ones', () => {
    const line = JSON.stringify(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i])));
    const parsed = new LineParser({ maxFields: 32 }).parse(line);
    expect(Object.keys(parsed.fields)).toHaveLength(32);
    expect(parsed.fields.k31).toBe('31');
    expect(parsed.fields.k32).toBeUndefined();
    expect(parsed.droppedFields).toBe(8);
  });

  it('cuts values longer than maxValueChars without splitting a surrogate pair', () => {
    const parsed = new LineParser({ maxValueChars: 4 }).parse(`a=abcdef b=abc😀 c=ok`);
    expect(parsed.fields).toEqual({ a: 'abcd', b: 'abc', c: 'ok' });
    expect(parsed.truncatedValues).toBe(2);
  });

  it('keeps the first of duplicate names, as LogQL does', () => {
    expect(new LineParser().parse('{"a_b":1,"a":{"b":2}}').fields).toEqual({ a_b: '1' });
  });

  it('never lets a __proto__ key change the fields object', () => {
    const parsed = new LineParser().parse('{"__proto__":{"polluted":"yes"},"a":1}');
    expect(parsed.fields).toEqual({ __proto___polluted: 'yes', a: '1' });
    expect(Object.getPrototypeOf(parsed.fields)).toBe(Object.prototype);
  });

  it.each([
    ['{"ts":"2024-05-01T12:00:00.5Z"}', 1714564800500],
    ['{"time":1714564800}', 1714564800000],
    ['{"timestamp":1714564800123}', 1714564800123],
    ['{"@timestamp":"2024-05-01T14:00:00+02:00"}', 1714564800000],
    ['{"t":"1714564800123456789"}', 1714564800123],
    ['{"ts":1714564800.25}', 1714564800250],
    ['ts=2024-05-01T12:00:00Z level=info', 1714564800000],
    ['2024-05-01T12:00:00.250Z INFO starting', 1714564800250],
    ['2024-05-01 12:00:00Z INFO starting', 1714564800000],
  ])('finds the time of %s', (line, epochMs) => {
    expect(new LineParser().parse(line).time?.epochMs).toBe(epochMs);
  });

  it('reads the exact nanoseconds of a nanosecond timestamp string', () => {
    expect(new LineParser().parse('{"ts":"1714564800123456789"}').time?.epochNs).toBe(1714564800123456789n);
  });

  it.each([
    ['{"t":42}', 'a counter, not a time'],
    ['{"time":"5ms"}', 'a duration'],
    ['{"when":"2024-05-01T12:00:00Z"}', 'a field not named as a time'],
    ['at 2024-05-01T12:00:00Z it broke', 'a timestamp not at the start'],
  ])('finds no time in %s (%s)', (line) => {
    expect(new LineParser().parse(line).time).toBeUndefined();
  });

  it.each([
    ['{"level":"WARNING"}', 'warn'],
    ['{"lvl":"err"}', 'error'],
    ['{"severity":"Critical"}', 'critical'],
    ['{"level":50,"msg":"pino"}', 'error'],
    ['{"log":{"level":"debug"}}', 'debug'],
    ['level=fatal msg=x', 'fatal'],
    ['2024-05-01 12:00:00 ERROR db: timeout', 'error'],
    ['[Warn] disk almost full', 'warn'],
    ['2024/05/01 12:00:00 [error] 7#7: upstream timed out', 'error'],
    ['I0501 INFO started, no ERROR yet', 'info'],
  ])('finds the level of %s: %s', (line, level) => {
    expect(new LineParser().parse(line).level).toBe(level);
  });

  it.each([
    ['{"level":"verbose-ish"}'],
    ['an error occurred in lowercase prose'],
    ['{"msg":"ERROR inside a JSON message"}'],
  ])('finds no level in %s', (line) => {
    expect(new LineParser().parse(line).level).toBeUndefined();
  });

  it('re-checks every line, so a stream may switch format, and reports the most common recent one', () => {
    const parser = new LineParser();
    expect(parser.format).toBe('plain');
    expect(['banner', '{"a":1}', '{"a":2}', 'a=1 b=2'].map((l) => parser.parse(l).format)).toEqual([
      'plain',
      'json',
      'json',
      'logfmt',
    ]);
    expect(parser.format).toBe('json');
    for (let i = 0; i < 32; i++) parser.parse(`k=${i} v=x`);
    expect(parser.format).toBe('logfmt');
  });

  describe('agrees with LogQL’s parsers so queries find what ingest stored', () => {
    const extracted = (stage: 'json' | 'logfmt', line: string): Record<string, string> => {
      const query = parseLogql(`{app="x"} | ${stage}`) as LogQuery;
      const [result] = runLogQuery(query, [{ labels: { app: 'x' }, timestampMs: 1, line }], {
        startMs: 0,
        endMs: 2,
      });
      return result?.fields ?? {};
    };

    it.each([
      ['{"a":{"b":{"c":1}},"d":[1,2],"e":null,"f":false,"g.h":"x","0n":"y"}'],
      ['{"msg":"ünïcode ✓","n":1.5e3,"big":12345678901234567890}'],
      ['{"x":1,"x_":2,"a":{"b":3},"a_b":4}'],
    ])('| json on %s', (line) => {
      expect(new LineParser().parse(line).fields).toEqual(extracted('json', line));
    });

    it.each([
      ['level=info msg="a \\"quoted\\" \\t value" dur=1.5s'],
      ['a=1 a=2 b= c.d=x e-f=y =z'],
      ['key="with spaces and = signs" other=plain'],
    ])('| logfmt on %s', (line) => {
      expect(new LineParser().parse(line).fields).toEqual(extracted('logfmt', line));
    });
  });
});
