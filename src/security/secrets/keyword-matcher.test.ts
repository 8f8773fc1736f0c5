import { describe, expect, it } from 'vitest';
import { keywordMatcher } from './keyword-matcher.js';
import { secretRules } from './secret-rules.js';

describe('keywordMatcher', () => {
  const keywords = ['key', 'token', '_auth', '_authtoken', 'pass', 'a3t', 'hooks.slack.com'];
  const present = keywordMatcher(keywords);

  it.each([
    ['no keyword at all', 'usr/bin/ls\nusr/share/doc/coreutils\n', []],
    ['one keyword, any case', 'API_KEY=1', ['key']],
    ['overlapping keywords starting at one position', 'NPM_AUTHTOKEN=x', ['_auth', '_authtoken', 'token']],
    ['a keyword inside another one', 'passkey', ['key', 'pass']],
    [
      'a keyword whose regex metacharacters are literal',
      'hooksXslackXcom hooks.slack.com',
      ['hooks.slack.com'],
    ],
    ['repeated occurrences, counted once', 'token token TOKEN', ['token']],
    ['every keyword', 'key token _authtoken pass a3t hooks.slack.com', [...keywords]],
  ])('finds %s', (_name, text, expected) => {
    expect([...present(text)].sort()).toEqual([...expected].sort());
  });

  it('agrees with lowercasing and searching each keyword, for the built-in rules', () => {
    const all = secretRules.flatMap((rule) => rule.keywords);
    const match = keywordMatcher(all);
    const text =
      'export AWS_SECRET=1\nghp_abc glpat-x XOXB-1 -----BEGIN PRIVATE KEY----- eyJhbGci "auth": npm_x\n' +
      'usr/share/a3t/akiaX sk_live_ _authToken dockerconfigjson Password pwd credential';
    const lower = text.toLowerCase();
    expect([...match(text)].sort()).toEqual([...new Set(all.filter((k) => lower.includes(k)))].sort());
  });

  it('finds nothing when given no keywords', () => {
    expect(keywordMatcher([])('token').size).toBe(0);
  });
});
