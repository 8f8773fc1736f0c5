import { describe, expect, it } from 'vitest';
import { parseJUnit, parseSarif, type ReportFailOn, type ReportSpec } from '../spec/index.js';
import { judgeReport } from './judge-report.js';

const passing = '<testsuite><testcase name="a"/><testcase name="b"/></testsuite>';
const failing =
  '<testsuite><testcase name="a"><failure message="boom"/></testcase><testcase name="b"/></testsuite>';
const sarif = (level: string) =>
  JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'eslint' } },
        results: [{ ruleId: 'no-eval', level, message: { text: 'x' } }],
      },
    ],
  });
const junitSpec = (failOn: ReportFailOn): ReportSpec => ({ format: 'junit', path: 'reports/*.xml', failOn });

describe('judgeReport', () => {
  it.each<[string, ReportFailOn, string[], boolean]>([
    ['passes when all tests passed', 'failure', [passing], false],
    ['fails on a failed test with fail_on failure', 'failure', [failing], true],
    ['does not fail on a failed test with fail_on none', 'none', [failing], false],
    ['fails when one of several files has a failure', 'failure', [passing, failing], true],
    ['fails a gate when no file matched', 'failure', [], true],
    ['does not fail without a gate when no file matched', 'none', [], false],
    ['fails a gate when a file is not JUnit', 'failure', ['<html/>'], true],
  ])('%s', (_name, failOn, texts, fails) => {
    const parsed = texts.map((text, i) => ({ path: `reports/${i}.xml`, result: parseJUnit(text) }));
    expect(judgeReport(junitSpec(failOn), parsed).fails).toBe(fails);
  });

  it('merges the files of one entry into one summary', () => {
    const parsed = [passing, failing].map((text, i) => ({
      path: `reports/${i}.xml`,
      result: parseJUnit(text),
    }));
    const verdict = judgeReport(junitSpec('failure'), parsed);
    expect(verdict.summary).toMatchObject({ kind: 'junit', total: 4, passed: 3, failed: 1 });
    expect(verdict.reason).toBe('1 of 4 tests failed in "reports/*.xml" (fail_on: failure)');
  });

  it.each<[string, ReportFailOn, boolean]>([
    ['error', 'error', true],
    ['warning', 'error', false],
    ['warning', 'warning', true],
    ['note', 'warning', false],
  ])('judges a SARIF result at level %s with fail_on %s: fails %s', (level, failOn, fails) => {
    const verdict = judgeReport({ format: 'sarif', path: 'eslint.sarif', failOn }, [
      { path: 'eslint.sarif', result: parseSarif(sarif(level)) },
    ]);
    expect(verdict.fails).toBe(fails);
  });

  it('says which file could not be read and why', () => {
    const verdict = judgeReport(junitSpec('failure'), [
      { path: 'reports/a.xml', result: parseJUnit('<html/>') },
    ]);
    expect(verdict.problems).toEqual([
      'junit report "reports/a.xml" was not read: not a JUnit report: the root element is <html>, not <testsuites> or <testsuite>',
    ]);
    expect(verdict.summary).toBeUndefined();
  });
});
