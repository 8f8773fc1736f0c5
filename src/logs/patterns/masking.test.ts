import { describe, expect, it } from 'vitest';
import { applyMasks, compileMasks, DEFAULT_MASKS, renderTemplate } from './index.js';

const masks = compileMasks(DEFAULT_MASKS);

describe('DEFAULT_MASKS', () => {
  it.each([
    ['uuid', 'id 123e4567-e89b-12d3-a456-426614174000 done', 'id <*> done'],
    ['mac', 'link aa:bb:cc:dd:ee:0f up', 'link <*> up'],
    ['ipv4 with port, and a leading slash', 'from 10.0.0.1:5432 and /192.168.1.1', 'from <*>:<*> and <*>'],
    ['ipv6', 'v6 2607:f140:6000:8:c6b3:1ff:fecd:467f up', 'v6 <*> up'],
    [
      'host with port, and a host name',
      'via proxy.cse.cuhk.edu.hk:5070 to www.google.com.',
      'via <*>:<*> to <*>.',
    ],
    ['url', 'GET http://example.com/a?b=1 ok', 'GET <*> ok'],
    ['hex', 'addr 0x7ffd12ab', 'addr <*>'],
    ['long hex id', 'commit 3f1c9a0b2d4e5f60718293a4', 'commit <*>'],
    ['path', 'open /var/log/app.log failed', 'open <*> failed'],
    ['number', 'took 35 ms, -4 retries, 1.5 s', 'took <*> ms, <*> retries, <*> s'],
    ['number glued to a unit', 'timeout of 10000ms, 5KB', 'timeout of <*>, <*>'],
    ['size with a unit', 'estimated size 5.2 KB, free 18 MB', 'estimated size <*>, free <*>'],
    ['duration bound', 'lifetime <1 sec', 'lifetime <*>'],
    ['syslog date', 'at Sun Jul 24 02:38:22 2005 from x', 'at <*> from x'],
    ['clock time and ISO date', 'at 12:30:45.123 on 2016-09-28', 'at <*> on <*>'],
    ['prefixed id', 'blk_-1608999687919862906 and attempt_1445_0020_m_000000_0 ok', '<*> and <*> ok'],
    ['number after a non-id prefix', 'len=-42 x_y', 'len=<*> x_y'],
  ])('mask %s: %j → %j', (_name, line, expected) => {
    expect(applyMasks(line, masks)).toBe(expected);
  });

  it.each([['ip6tables'], ['md5sum'], ['eth0'], ['/etc'], ['v2'], ['org.apache.hadoop.io.Text'], ['May be']])(
    'keeps %j, a word that only looks like a value, as it is',
    (word) => {
      expect(applyMasks(word, masks)).toBe(word);
    },
  );
});

describe('applyMasks', () => {
  it('runs line rules on the whole line first, then token rules on each token, keeping whitespace', () => {
    const rules = compileMasks([
      { name: 'token', scope: 'token', pattern: '^a+$', maskWith: 'A' },
      { name: 'line', pattern: 'a b', maskWith: 'ab' },
    ]);
    expect(applyMasks('a b  aa\tb', rules)).toBe('ab  A\tb');
  });

  it('skips a rule whose prefilter fails, and runs it when the prefilter passes', () => {
    const skipped = compileMasks([{ name: 'x', pattern: 'x', maskWith: 'y', prefilter: 'never' }]);
    const run = compileMasks([{ name: 'x', pattern: 'x', maskWith: 'y', prefilter: 'x', requires: ['x'] }]);
    expect(applyMasks('x', skipped)).toBe('x');
    expect(applyMasks('x', run)).toBe('y');
  });

  it('treats `requires` as "at least one of these characters", for every string of the list', () => {
    const rule = compileMasks([
      { name: 'n', scope: 'token', pattern: '[0-9]+', requires: ['0123456789', ':'] },
    ]);
    expect(applyMasks('12 a:1', rule)).toBe('12 a:<*>');
  });
});

describe('renderTemplate', () => {
  it.each([
    [['a', '<*><*>', 'b'], {}, [], 'a <*> b'],
    [['a', '<*>', '<*>', 'b'], {}, [], 'a <*> <*> b'],
    [['a', '<*>', '<*>', 'b', '<*>'], { mergeWildcardRuns: true }, [], 'a <*> b <*>'],
    [['x=<*><*>'], { collapseAdjacentWildcards: false }, [], 'x=<*><*>'],
    [['login', 'user=', '<*>', 'ok'], {}, [false, false, true, false], 'login user=<*> ok'],
  ])('renders %j with %j and glue %j as %j', (tokens, options, glue, expected) => {
    expect(renderTemplate(tokens, options, glue)).toBe(expected);
  });
});
