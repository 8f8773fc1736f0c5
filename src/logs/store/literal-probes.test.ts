import { describe, expect, it } from 'vitest';
import { bloomMayMatch, planLiterals } from './literal-probes.js';
import { buildTokenBloom } from './token-bloom.js';

const bloomOf = (...lines: string[]): Buffer => buildTokenBloom(Buffer.from(lines.join('\n')));

describe('planLiterals', () => {
  it.each([
    ['a whole short token', ' INFO ', 1],
    ['a block id after a separator-led prefix', 'blk_-1608999687919862906', 1],
    ['a bare trace id (may start and end mid-token)', '4bf92f3577b34da6a3ce929d0e0e4736', 1],
    ['an IP address (four complete inner tokens, open ends too short)', '10.250.18.114', 2],
    ['a short literal inside one token', 'ceiv', 0],
    ['a literal whose open ends are too short to probe', 'Sending block', 0],
    ['the end of a token (its last 8 bytes)', 'x_12345678 ', 1],
    ['separators only', ' :/ ', 0],
    ['the empty literal', '', 0],
  ])('plans %s', (_what, literal, requirements) => {
    expect(planLiterals([literal])).toHaveLength(requirements);
  });
});

describe('bloom with literal probes', () => {
  const line =
    '081109 203530 INFO dfs.DataNode$DataXceiver: Receiving block blk_-1608999687919862906 src: /10.250.18.114:43996 trace=4bf92f3577b34da6a3ce929d0e0e4736 user=José';
  const bloom = bloomOf(line, 'another line with other words 12345');

  it.each([
    'blk_-1608999687919862906',
    '1608999687919862906',
    '6089996879198629',
    '08999687919862906 src',
    '4bf92f3577b34da6a3ce929d0e0e4736',
    '92f3577b34da6a3ce92',
    '10.250.18.114',
    '0.250.18.11',
    'Receiving block',
    'eceiving bl',
    'user=José',
    'DataNode$DataXceiver',
  ])('never rules out a block whose text contains %j', (literal) => {
    expect(line.includes(literal)).toBe(true);
    expect(bloomMayMatch(bloom, planLiterals([literal]))).toBe(true);
  });

  it.each([
    'blk_-1608999687910862906',
    '4bf92f3577b34da6a3ce929d0e0e4737',
    'trace=4bf92f3577b34da6a3ce929d0e0e4737 ',
    ' Sending block',
    '10.251.18.114',
    ' user=Josè ',
    'Receiving_blocks_',
  ])('rules out a block that lacks %j', (literal) => {
    expect(bloomMayMatch(bloom, planLiterals([literal]))).toBe(false);
  });

  it('needs every literal to be possible', () => {
    expect(bloomMayMatch(bloom, planLiterals(['Receiving', 'another']))).toBe(true);
    expect(bloomMayMatch(bloom, planLiterals(['Receiving', 'missingword']))).toBe(false);
  });

  it('has about 1 % false positives for an absent whole token', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `id=${(i * 2654435761 + 97).toString(36)} n=${i}`);
    const big = bloomOf(...lines);
    let positives = 0;
    for (let i = 0; i < 4000; i++) {
      if (bloomMayMatch(big, planLiterals([` q${i} `]))) positives++;
    }
    expect(positives / 4000).toBeLessThan(0.02);
    expect(positives).toBeGreaterThan(0);
  });
});
