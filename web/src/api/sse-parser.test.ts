import { describe, expect, it } from 'vitest';
import { backoffDelayMs, SseParser } from './sse-parser';

describe('SseParser', () => {
  it('parses named events, multi-line data and ids across chunk boundaries', () => {
    const parser = new SseParser();

    const first = parser.push('event: entry\ndata: {"line":');
    const second = parser.push('"hi"}\nid: 7\n\ndata: a\ndata: b\n\n');

    expect(first).toEqual([]);
    expect(second).toEqual([
      { type: 'entry', data: '{"line":"hi"}', id: '7' },
      { type: 'message', data: 'a\nb', id: '7' },
    ]);
  });

  it('accepts CRLF and CR line endings, even when CRLF is split between chunks', () => {
    const parser = new SseParser();

    expect(parser.push('data: one\r')).toEqual([]);
    expect(parser.push('\n\r\ndata: two\r\r')).toEqual([{ type: 'message', data: 'one' }]);
    // The last \r may start a \r\n: the event completes with the next byte.
    expect(parser.push(': keep-alive\n')).toEqual([{ type: 'message', data: 'two' }]);
  });

  it('ignores comments (keep-alives), events without data, and unknown fields', () => {
    const parser = new SseParser();

    expect(parser.push(': ping\n\nevent: ready\n\nfoo: bar\ndata:x\n\n')).toEqual([
      { type: 'message', data: 'x' },
    ]);
  });

  it('remembers the retry the server asks for', () => {
    const parser = new SseParser();
    parser.push('retry: 2500\n\n');
    expect(parser.retryMs).toBe(2500);
  });
});

describe('backoffDelayMs', () => {
  it.each([
    [0, 500],
    [1, 1000],
    [3, 4000],
    [10, 15_000],
  ])('waits about %i attempts -> %i ms (without jitter)', (attempt, ms) => {
    expect(backoffDelayMs(attempt, { random: () => 0.5 })).toBe(ms);
  });

  it('spreads reconnects by ±20 %', () => {
    expect(backoffDelayMs(1, { random: () => 0 })).toBe(800);
    expect(backoffDelayMs(1, { random: () => 1 })).toBe(1200);
  });
});
