import { describe, expect, it } from 'vitest';
import { evaluateCacheKey, parseCacheKey } from './cache-key.js';

describe('parseCacheKey', () => {
  it.each([
    ['v1', ['v1']],
    ["npm-{{ hashFiles('package-lock.json') }}", ['npm-', { hashFiles: ['package-lock.json'] }]],
    ['{{hashFiles("a", \'b/**\')}}-x', [{ hashFiles: ['a', 'b/**'] }, '-x']],
  ])('parses %j', (template, parts) => {
    expect(parseCacheKey(template)).toEqual({ ok: true, value: parts });
  });

  it.each([
    ['', 'the key is empty'],
    ['npm-{{ hashFiles("a")', '"{{" without a matching "}}"'],
    ['npm-}}', '"}}" without a matching "{{"'],
    ['{{ env.HOME }}', '"{{ env.HOME }}" is not hashFiles'],
    ['{{ hashFiles() }}', 'hashFiles needs one or more quoted globs'],
    ['{{ hashFiles(a) }}', 'hashFiles needs one or more quoted globs'],
    ["{{ hashFiles('') }}", 'hashFiles needs one or more quoted globs'],
  ])('refuses %j', (template, reason) => {
    const parsed = parseCacheKey(template);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });
});

describe('evaluateCacheKey', () => {
  it('replaces each hashFiles call by the hash of its globs', async () => {
    const seen: (readonly string[])[] = [];
    const key = await evaluateCacheKey(
      "deps-{{ hashFiles('package-lock.json', 'patches/**') }}",
      (patterns) => {
        seen.push(patterns);
        return 'c0ffee';
      },
    );
    expect(key).toBe('deps-c0ffee');
    expect(seen).toEqual([['package-lock.json', 'patches/**']]);
  });

  it('accepts an asynchronous hasher', async () => {
    expect(await evaluateCacheKey("a{{ hashFiles('x') }}b", () => Promise.resolve('1'))).toBe('a1b');
  });

  it('replaces characters a volume name cannot hold', async () => {
    expect(await evaluateCacheKey('node 20/npm:cache', () => '')).toBe('node-20-npm-cache');
  });

  it('rejects an invalid template with the reason', async () => {
    await expect(evaluateCacheKey('{{ nope }}', () => '')).rejects.toThrow(
      'cache key "{{ nope }}": "{{ nope }}" is not hashFiles',
    );
  });
});
