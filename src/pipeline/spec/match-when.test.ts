import { describe, expect, it } from 'vitest';
import { matchesWhen, statusesFor, type WhenContext } from './match-when.js';
import type { WhenClause } from './pipeline-spec.js';

const only = (...include: string[]) => ({ include, exclude: [] });
const except = (...exclude: string[]) => ({ include: [], exclude });
const push: WhenContext = {
  event: 'push',
  branch: 'main',
  changedFiles: ['src/app.ts', 'README.md'],
  status: 'success',
};

describe('matchesWhen', () => {
  it.each<[string, WhenClause[], Partial<WhenContext>, boolean]>([
    ['no condition runs while nothing failed', [], {}, true],
    ['no condition does not run after a failure', [], { status: 'failure' }, false],
    ['an event in the list', [{ event: only('push', 'tag'), status: ['success'] }], {}, true],
    ['an event not in the list', [{ event: only('tag'), status: ['success'] }], {}, false],
    ['an excluded event', [{ event: except('cron'), status: ['success'] }], { event: 'cron' }, false],
    ['a branch glob', [{ branch: only('release/*'), status: ['success'] }], { branch: 'release/2.0' }, true],
    [
      'a branch exclude wins over include',
      [{ branch: { include: ['**'], exclude: ['wip/**'] }, status: ['success'] }],
      { branch: 'wip/x' },
      false,
    ],
    [
      'a branch condition on a tag event (no branch)',
      [{ branch: only('main'), status: ['success'] }],
      { event: 'tag', branch: undefined, tag: 'v1' },
      false,
    ],
    [
      'a branch exclude on a tag event (no branch)',
      [{ branch: except('main'), status: ['success'] }],
      { event: 'tag', branch: undefined, tag: 'v1' },
      true,
    ],
    ['a tag glob', [{ tag: only('v*'), status: ['success'] }], { event: 'tag', tag: 'v1.2.0' }, true],
    [
      'a tag glob that does not match',
      [{ tag: only('v*'), status: ['success'] }],
      { event: 'tag', tag: 'nightly' },
      false,
    ],
    [
      'a cron name',
      [{ cron: only('nightly'), status: ['success'] }],
      { event: 'cron', cron: 'nightly' },
      true,
    ],
    ['a cron name on a push', [{ cron: only('nightly'), status: ['success'] }], {}, false],
    [
      'a path that changed',
      [{ path: { include: ['src/**'], exclude: [], onEmpty: true }, status: ['success'] }],
      {},
      true,
    ],
    [
      'a path that did not change',
      [{ path: { include: ['docs/**'], exclude: [], onEmpty: true }, status: ['success'] }],
      {},
      false,
    ],
    [
      'only excluded paths changed',
      [{ path: { include: [], exclude: ['*.md', 'src/**'], onEmpty: true }, status: ['success'] }],
      {},
      false,
    ],
    [
      'some path outside the excludes changed',
      [{ path: { include: [], exclude: ['*.md'], onEmpty: true }, status: ['success'] }],
      {},
      true,
    ],
    [
      'an included path that is also excluded',
      [{ path: { include: ['src/**'], exclude: ['src/*.ts'], onEmpty: true }, status: ['success'] }],
      {},
      false,
    ],
    [
      'no changed file with on_empty true',
      [{ path: { include: ['src/**'], exclude: [], onEmpty: true }, status: ['success'] }],
      { changedFiles: [] },
      true,
    ],
    [
      'no changed file with on_empty false',
      [{ path: { include: ['src/**'], exclude: [], onEmpty: false }, status: ['success'] }],
      { changedFiles: [] },
      false,
    ],
    [
      'unknown changed files (manual run)',
      [{ path: { include: ['docs/**'], exclude: [], onEmpty: false }, status: ['success'] }],
      { event: 'manual', changedFiles: undefined },
      true,
    ],
    ['status failure only, after a failure', [{ status: ['failure'] }], { status: 'failure' }, true],
    ['status failure only, while all is well', [{ status: ['failure'] }], {}, false],
    [
      'every condition of a clause must hold',
      [{ event: only('push'), branch: only('dev'), status: ['success'] }],
      {},
      false,
    ],
    [
      'one clause of the list is enough',
      [
        { event: only('tag'), status: ['success'] },
        { branch: only('main'), status: ['success'] },
      ],
      {},
      true,
    ],
  ])('%s: %s', (_name, when, context, expected) => {
    expect(matchesWhen(when, { ...push, ...context })).toBe(expected);
  });
});

describe('statusesFor', () => {
  it('unions the statuses of the clauses that hold, ignoring the others', () => {
    const when: WhenClause[] = [
      { event: only('push'), status: ['success'] },
      { event: only('cron'), status: ['failure'] },
      { branch: only('main'), status: ['failure'] },
    ];
    expect(statusesFor(when, { event: 'push', branch: 'main' })).toEqual(['success', 'failure']);
    expect(statusesFor(when, { event: 'push', branch: 'dev' })).toEqual(['success']);
    expect(statusesFor(when, { event: 'tag', tag: 'v1' })).toEqual([]);
  });
});
