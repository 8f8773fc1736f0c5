import { describe, expect, it } from 'vitest';
import { Re2SubsetError, compileRe2, translateRe2 } from './re2.js';

describe('translateRe2()', () => {
  it.each<[string, string, string]>([
    ['(?P<ip>\\d+)', '(?<ip>\\d+)', ''],
    ['(?<ip>\\d+)', '(?<ip>\\d+)', ''],
    ['(?i)error', 'error', 'i'],
    ['(?is)a.b', 'a.b', 'is'],
    ['[[:digit:]]+', '[0-9]+', ''],
    ['[^[:space:]]', '[^\\t\\n\\v\\f\\r ]', ''],
    ['[]a]', '[\\]a]', ''],
    ['\\Aabc\\z', '(?<![\\s\\S])abc(?![\\s\\S])', ''],
    ['(?:a|b)*?', '(?:a|b)*?', ''],
  ])('rewrites %s as /%s/%s', (pattern, source, flags) => {
    expect(translateRe2(pattern)).toEqual({ source, flags });
  });

  it.each([
    ['a(?=b)', 'lookahead'],
    ['a(?!b)', 'lookahead'],
    ['(?<=a)b', 'lookbehind'],
    ['(?<!a)b', 'lookbehind'],
    ['(a)\\1', 'backreferences'],
    ['(?<x>a)\\k<x>', 'backreferences'],
    ['a(?i)b', 'leading (?i)'],
    ['(?U)a+', 'unsupported inline flag "U"'],
    ['\\p{Greek}', 'Unicode classes'],
    ['[[:^alpha:]]', 'unsupported character class'],
  ])('rejects %s', (pattern, message) => {
    expect(() => translateRe2(pattern)).toThrow(Re2SubsetError);
    expect(() => translateRe2(pattern)).toThrow(message);
  });

  it('anchors label-matcher regexes and lets line-filter regexes match across newlines', () => {
    expect(compileRe2('web|api', { anchored: true }).test('web')).toBe(true);
    expect(compileRe2('web|api', { anchored: true }).test('webby')).toBe(false);
    expect(compileRe2('a.b', { dotAll: true }).test('xa\nbx')).toBe(true);
    expect(compileRe2('a.b').test('a\nb')).toBe(false);
  });

  it('maps (?P<name>) to a JS named group', () => {
    expect(compileRe2('(?P<status>\\d{3})').exec('GET 404')?.groups).toEqual({ status: '404' });
  });
});
