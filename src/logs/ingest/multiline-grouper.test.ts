import { describe, expect, it } from 'vitest';
import { MultilineGrouper, type MultilineGroup } from './index.js';

interface Entry {
  stream: string;
  line: string;
  n: number;
}

let counter = 0;
const entry = (line: string, stream = 'stdout'): Entry => ({ stream, line, n: counter++ });
const lines = (groups: MultilineGroup<Entry>[]): string[] => groups.map((g) => g.line);

function feed(
  grouper: MultilineGrouper<Entry>,
  text: readonly string[],
  stream = 'stdout',
): MultilineGroup<Entry>[] {
  return [...text.flatMap((line) => grouper.push(entry(line, stream), 0)), ...grouper.flush()];
}

describe('MultilineGrouper', () => {
  it('passes every line through alone when off (the default)', () => {
    const grouper = new MultilineGrouper<Entry>();
    expect(lines(feed(grouper, ['Error: x', '    at f (a.js:1:1)']))).toEqual([
      'Error: x',
      '    at f (a.js:1:1)',
    ]);
  });

  it('starts an entry at each line matching the start pattern and appends the others with "\\n"', () => {
    const grouper = new MultilineGrouper<Entry>({ mode: { startPattern: /^\d{4}-\d{2}-\d{2} /g } });
    const groups = feed(grouper, ['2024-05-01 a', 'cont 1', 'cont 2', '2024-05-01 b', '2024-05-01 c', 'x']);
    expect(lines(groups)).toEqual(['2024-05-01 a\ncont 1\ncont 2', '2024-05-01 b', '2024-05-01 c\nx']);
    expect(groups.map((g) => [g.lineCount, g.first.line, g.last.line])).toEqual([
      [3, '2024-05-01 a', 'cont 2'],
      [1, '2024-05-01 b', '2024-05-01 b'],
      [2, '2024-05-01 c', 'x'],
    ]);
  });

  it.each([
    [
      'Java',
      [
        'Exception in thread "main" java.lang.IllegalStateException: cart is empty',
        '\tat com.shop.Cart.checkout(Cart.java:42)',
        'Caused by: java.io.IOException: disk full',
        '\t... 3 more',
      ],
    ],
    [
      'Python',
      [
        'ERROR:root:request failed',
        'Traceback (most recent call last):',
        '  File "/app/main.py", line 7, in <module>',
        '    handle(request)',
        'ValueError: bad request',
      ],
    ],
    [
      'Node',
      [
        'TypeError: Cannot read properties of undefined',
        '    at main (/app/index.js:3:9)',
        '    at node:internal/main:1:1',
      ],
    ],
    [
      'Go',
      [
        'panic: runtime error: index out of range [3] with length 3',
        '',
        'goroutine 1 [running]:',
        'main.main()',
        '\t/app/main.go:12 +0x1d',
      ],
    ],
  ])('the stacktrace preset joins a %s trace into one entry', (_lang, trace) => {
    const grouper = new MultilineGrouper<Entry>({ mode: 'stacktrace' });
    const groups = feed(grouper, ['before', ...trace, 'after']);
    expect(lines(groups)).toEqual(['before', trace.join('\n'), 'after']);
  });

  it('keeps streams apart: a stderr line does not end a stdout trace', () => {
    const grouper = new MultilineGrouper<Entry>({ mode: 'stacktrace' });
    const out = [
      ...grouper.push(entry('Error: a', 'stdout'), 0),
      ...grouper.push(entry('unrelated', 'stderr'), 0),
      ...grouper.push(entry('    at f (a.js:1:1)', 'stdout'), 0),
      ...grouper.flush(),
    ];
    expect(out.map((g) => [g.first.stream, g.line])).toEqual([
      ['stdout', 'Error: a\n    at f (a.js:1:1)'],
      ['stderr', 'unrelated'],
    ]);
  });

  it('continues a trace longer than maxLines in a new group', () => {
    const grouper = new MultilineGrouper<Entry>({ mode: 'stacktrace', maxLines: 3 });
    const groups = feed(grouper, ['Error: x', '  at 1', '  at 2', '  at 3', '  at 4']);
    expect(lines(groups)).toEqual(['Error: x\n  at 1\n  at 2', '  at 3\n  at 4']);
  });

  it('continues a trace longer than maxChars in a new group', () => {
    const grouper = new MultilineGrouper<Entry>({ mode: 'stacktrace', maxChars: 13 });
    expect(lines(feed(grouper, ['Error: x', '  at 1', '  at 2']))).toEqual(['Error: x', '  at 1\n  at 2']);
  });

  it('emits a group once it waited flushTimeoutMs for another line, and not before', () => {
    const grouper = new MultilineGrouper<Entry>({ mode: 'stacktrace', flushTimeoutMs: 500 });
    expect(grouper.push(entry('Error: x'), 1000)).toEqual([]);
    expect(grouper.push(entry('  at f'), 1300)).toEqual([]);
    expect(grouper.nextDueMs).toBe(1800);
    expect(grouper.flushDue(1799)).toEqual([]);
    expect(lines(grouper.flushDue(1800))).toEqual(['Error: x\n  at f']);
    expect(grouper.nextDueMs).toBeUndefined();
    expect(grouper.flushDue(5000)).toEqual([]);
  });
});
