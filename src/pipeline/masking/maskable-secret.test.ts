import { describe, expect, it } from 'vitest';
import { assertMaskable } from './maskable-secret.js';

const pemBody = Array.from({ length: 20 }, (_, i) => `${'Q'.repeat(63)}${i % 10}`).join('\n');

describe('assertMaskable', () => {
  it.each([
    ['8 characters', 'abcdefgh'],
    [
      'a PEM key whose last base64 line is short',
      `-----BEGIN KEY-----\n${pemBody}\nAb=\n-----END KEY-----\n`,
    ],
    ['two long lines', 'user-name-here\npassword-here'],
  ])('accepts %s', (_case, value) => {
    expect(() => assertMaskable(value)).not.toThrow();
  });

  it.each([
    ['7 characters', 'abcdefg', /7 characters/],
    ['whitespace around a short value', '   abc   ', /3 characters/],
    ['short lines holding most of the value', 'abcdefgh\nabc\ndef\nghi', /3 of its 4 lines shorter than 8/],
  ])('refuses %s', (_case, value, message) => {
    expect(() => assertMaskable(value)).toThrow(message);
  });
});
