import { describe, expect, it } from 'vitest';
import { PatternAutomaton } from './pattern-automaton.js';
import { randomText, seededRandom } from './testing/test-random.js';

/** Every (end, longest length) the automaton reports, and the naive answer to compare with. */
function matches(automaton: PatternAutomaton, text: string): [number, number][] {
  const found: [number, number][] = [];
  automaton.scan(text, automaton.start, (end, length) => found.push([end, length]));
  return found;
}

function naive(patterns: string[], text: string): [number, number][] {
  const found: [number, number][] = [];
  for (let end = 1; end <= text.length; end++) {
    const longest = Math.max(
      0,
      ...patterns.filter((p) => p !== '' && text.slice(0, end).endsWith(p)).map((p) => p.length),
    );
    if (longest > 0) found.push([end, longest]);
  }
  return found;
}

describe('PatternAutomaton', () => {
  it.each([
    [['he', 'she', 'his', 'hers'], 'ushers'],
    [['aaa', 'aa', 'a'], 'aaaa'],
    [['abcd', 'bc', 'c'], 'xabcdbcy'],
    [['', 'ab'], 'abab'],
  ])('reports the longest pattern ending at each position for %j in %j', (patterns, text) => {
    expect(matches(new PatternAutomaton(patterns), text)).toEqual(naive(patterns, text));
  });

  it('agrees with a naive search on random patterns over a small alphabet (seeded)', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 40; round++) {
      const patterns = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
        randomText(random, 1 + Math.floor(random() * 6), 'abc'),
      );
      const text = randomText(random, 200, 'abcd');
      expect(matches(new PatternAutomaton(patterns), text)).toEqual(naive(patterns, text));
    }
  });

  it('reports as pending the longest tail that is the start of a pattern', () => {
    const automaton = new PatternAutomaton(['abcdef', 'cdxy']);
    const after = (text: string): number =>
      automaton.pendingLength(automaton.scan(text, automaton.start, () => {}));
    expect(after('zzabcd')).toBe(4);
    expect(after('zzabcdx')).toBe(3);
    expect(after('zzabcdef')).toBe(0);
    expect(after('zzz')).toBe(0);
  });
});
