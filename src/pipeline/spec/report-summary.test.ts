import { describe, expect, it } from 'vitest';
import type { ReportFailOn } from './pipeline-spec.js';
import { mergeReports, reportFails, type ReportSummary } from './report-summary.js';

const base: ReportSummary = {
  kind: 'sarif',
  total: 0,
  passed: 0,
  failed: 0,
  skipped: 0,
  bySeverity: {},
  findings: [],
  omittedFindings: 0,
};

describe('reportFails', () => {
  it.each<[string, Partial<ReportSummary>, ReportFailOn, boolean]>([
    ['never with none', { failed: 3, bySeverity: { error: 3 } }, 'none', false],
    ['failure with a failed test', { kind: 'junit', failed: 1, bySeverity: { failure: 1 } }, 'failure', true],
    ['failure with an errored test', { kind: 'junit', failed: 1, bySeverity: { error: 1 } }, 'failure', true],
    ['failure when all passed', { kind: 'junit', passed: 4 }, 'failure', false],
    ['error with an error', { failed: 1, bySeverity: { error: 1 } }, 'error', true],
    ['error with only warnings', { failed: 2, bySeverity: { warning: 2 } }, 'error', false],
    ['warning with an error', { failed: 1, bySeverity: { error: 1 } }, 'warning', true],
    ['warning with only notes', { failed: 1, bySeverity: { note: 1 } }, 'warning', false],
    ['note with a note', { failed: 1, bySeverity: { note: 1 } }, 'note', true],
    ['note with only level none', { failed: 1, bySeverity: { none: 1 } }, 'note', false],
  ])('%s', (_name, summary, failOn, expected) => {
    expect(reportFails({ ...base, ...summary }, failOn)).toBe(expected);
  });
});

describe('mergeReports', () => {
  it('adds counts and severities and keeps the first findings up to the limit', () => {
    const a: ReportSummary = {
      ...base,
      total: 3,
      passed: 1,
      failed: 2,
      bySeverity: { error: 2 },
      findings: [{ message: 'a1' }, { message: 'a2' }],
    };
    const b: ReportSummary = {
      ...base,
      total: 2,
      failed: 1,
      skipped: 1,
      bySeverity: { error: 1 },
      findings: [{ message: 'b1' }],
      omittedFindings: 4,
    };
    expect(mergeReports('sarif', [a, b], 2)).toEqual({
      kind: 'sarif',
      total: 5,
      passed: 1,
      failed: 3,
      skipped: 1,
      bySeverity: { error: 3 },
      findings: [{ message: 'a1' }, { message: 'a2' }],
      omittedFindings: 5,
    });
  });

  it('merges nothing into an empty summary', () => {
    expect(mergeReports('junit', [])).toEqual({ ...base, kind: 'junit' });
  });
});
