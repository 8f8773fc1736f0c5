import { describe, expect, it } from 'vitest';
import { checkCommit, checkRef, isCommitId, refProblem } from './git-ref-name.js';

describe('refProblem()', () => {
  it.each([
    'main',
    'release/1.2',
    'refs/heads/feature/x-y_z',
    'refs/tags/v1.0.0',
    'v1.0.0-rc.1',
    'HEAD',
    'ünïcode',
  ])('accepts %j', (ref) => {
    expect(refProblem(ref)).toBeUndefined();
  });

  it.each([
    ['', 'is empty'],
    ['--upload-pack=touch /tmp/x', 'starts with "-"'],
    ['-main', 'starts with "-"'],
    ['@', 'is "@"'],
    ['main branch', 'contains a space'],
    ['main\ttab', 'contains a space'],
    ['a~1', 'one of ~'],
    ['a^', 'one of ~'],
    ['a:b', 'one of ~'],
    ['a?', 'one of ~'],
    ['a*', 'one of ~'],
    ['a[b', 'one of ~'],
    ['a\\b', 'one of ~'],
    ['a..b', 'contains ".."'],
    ['a@{1}', 'contains "@{"'],
    ['/main', 'starts or ends with "/"'],
    ['main/', 'starts or ends with "/"'],
    ['a//b', 'contains "//"'],
    ['main.', 'ends with "."'],
    ['refs/.hidden', 'starting with "."'],
    ['refs/heads/x.lock', 'ending with ".lock"'],
    ['x'.repeat(1025), 'longer than 1024'],
  ])('refuses %j because it %s', (ref, problem) => {
    expect(refProblem(ref)).toContain(problem);
  });
});

describe('isCommitId()', () => {
  it.each([
    ['a'.repeat(40), true],
    ['0123456789abcdef'.repeat(4), true],
    ['abc1234', false],
    ['A'.repeat(40), false],
    ['a'.repeat(41), false],
    [`--${'a'.repeat(38)}`, false],
  ])('%s → %s', (id, expected) => {
    expect(isCommitId(id)).toBe(expected);
  });
});

describe('checkRef() and checkCommit()', () => {
  it('throw BERTH_PIPELINE_INVALID quoting the value', () => {
    expect(() => checkRef('--upload-pack=x')).toThrow(
      expect.objectContaining({
        code: 'BERTH_PIPELINE_INVALID',
        message: 'git ref "--upload-pack=x" starts with "-"',
      }),
    );
    expect(() => checkCommit('HEAD')).toThrow('commit "HEAD" is not a full commit id');
  });
});
