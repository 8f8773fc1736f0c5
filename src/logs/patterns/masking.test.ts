import { describe, expect, it } from 'vitest';
import { applyMasks, compileMasks, DEFAULT_MASKS, renderTemplate } from './index.js';

const masks = compileMasks(DEFAULT_MASKS);

describe('DEFAULT_MASKS', () => {
  it.each([
    ['uuid', 'id 123e4567-e89b-12d3-a456-426614174000 done', 'id <*> done'],
    ['mac', 'link aa:bb:cc:dd:ee:0f up', 'link <*> up'],
    ['ipv4 with port', 'from 10.0.0.1:5432 and /192.168.1.1', 'from <*> and <*>'],
    ['hex', 'addr 0x7ffd12ab', 'addr <*>'],
    ['long hex id', 'commit 3f1c9a0b2d4e5f60718293a4', 'commit <*>'],
    ['path', 'open /var/log/app.log failed', 'open <*> failed'],
    ['number', 'took 35 ms, -4 retries, 1.5 s', 'took <*> ms, <*> retries, <*> s'],
    ['prefixed id', 'blk_-1608999687919862906 and attempt_1445_0020_m_000000_0 ok', '<*> and <*> ok'],
    ['number after a non-id prefix', 'len=-42 x_y', 'len=<*> x_y'],
  ])('mask %s: %j → %j', (_name, line, expected) => {
    expect(applyMasks(line, masks)).toBe(expected);
  });

  it.each([['ip6tables'], ['md5sum'], ['eth0'], ['/etc'], ['v2']])(
    'keeps %j, a word with digits, as it is',
    (word) => {
      expect(applyMasks(word, masks)).toBe(word);
    },
  );
});

describe('renderTemplate', () => {
  it.each([
    [['a', '<*><*>', 'b'], {}, 'a <*> b'],
    [['a', '<*>', '<*>', 'b'], {}, 'a <*> <*> b'],
    [['a', '<*>', '<*>', 'b', '<*>'], { mergeWildcardRuns: true }, 'a <*> b <*>'],
    [['x=<*><*>'], { collapseAdjacentWildcards: false }, 'x=<*><*>'],
  ])('renders %j with %j as %j', (tokens, options, expected) => {
    expect(renderTemplate(tokens, options)).toBe(expected);
  });
});
