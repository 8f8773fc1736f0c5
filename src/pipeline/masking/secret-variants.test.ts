import { describe, expect, it } from 'vitest';
import { base64Fragments } from './base64-fragments.js';
import { secretVariants } from './secret-variants.js';

describe('base64Fragments', () => {
  it.each([0, 1, 2, 3, 4, 5])('finds the value inside base64 text with %i bytes before it', (before) => {
    const value = Buffer.from('s3cr3t-value!');
    const text = Buffer.concat([Buffer.alloc(before, 0x41), value, Buffer.from('tail')]);
    for (const encoding of ['base64', 'base64url'] as const) {
      const encoded = text.toString(encoding);
      expect(base64Fragments(value).some((fragment) => encoded.includes(fragment))).toBe(true);
    }
  });

  it('drops the edge characters that depend on the surrounding bytes', () => {
    // 'abcdefgh' after one byte: characters 0-1 carry bits of that byte, and the last full character ends at bit 72.
    const fragments = base64Fragments(Buffer.from('abcdefgh'));
    const encoded = Buffer.from('\0abcdefgh').toString('base64');
    expect(fragments).toContain(encoded.slice(2, 12));
  });
});

describe('secretVariants', () => {
  it('lists the value, its encodings and each long line of a multi-line value, never a short line', () => {
    const value = '  line-one-secret\r\nab\nline-three-secret \n';
    const variants = secretVariants(value);
    expect(variants).toEqual(
      expect.arrayContaining([
        'line-one-secret\r\nab\nline-three-secret',
        'line-one-secret\nab\nline-three-secret',
        'line-one-secret\r\nab\r\nline-three-secret',
        'line-one-secret',
        'line-three-secret',
        'line-one-secret\\nab\\nline-three-secret',
        Buffer.from('line-one-secret\nab\nline-three-secret').toString('hex'),
      ]),
    );
    expect(variants).not.toContain('ab');
    expect(variants.every((variant) => variant.length >= 8)).toBe(true);
  });

  it.each([
    ['percent-encoding', 'a b/c?d=e&f', 'a%20b%2Fc%3Fd%3De%26f'],
    ['form-encoding', 'a b/c?d=e&f', 'a+b%2Fc%3Fd%3De%26f'],
    ['JSON escaping', 'quote"back\\slash', 'quote\\"back\\\\slash'],
    ['upper-case hex', 'abcdefgh', '6162636465666768'.toUpperCase()],
  ])('includes the %s form', (_form, value, expected) => {
    expect(secretVariants(value)).toContain(expected);
  });
});
