import { describe, expect, it } from 'vitest';
import type { ReportSummary } from '../spec/index.js';
import { reportsStepEvent, reportsStepName } from './runner-adapter.js';

const junit: ReportSummary = {
  kind: 'junit',
  total: 12,
  passed: 11,
  failed: 1,
  skipped: 0,
  bySeverity: { failure: 1 },
  findings: [{ message: 'expected 2, got 3', test: 'cart > adds', severity: 'failure' }],
  omittedFindings: 0,
};

describe('reportsStepEvent()', () => {
  it('keeps the top-level reports of a run as a step record the run view and the CLI show', () => {
    const event = reportsStepEvent({ status: 'success', reports: [junit] });

    expect(event).toEqual({
      type: 'step',
      variant: '',
      step: reportsStepName,
      kind: 'reports',
      status: 'success',
      reports: [junit],
    });
  });

  it('fails that record with the reason when a top-level report gate failed the run', () => {
    const message = 'report gate: junit reports/*.xml: 1 failed test (fail_on: failure)';

    const event = reportsStepEvent({ status: 'failure', reports: [junit], message });

    expect(event).toMatchObject({ step: reportsStepName, status: 'failure', message, reports: [junit] });
  });

  it('adds nothing for a pipeline without top-level reports, or a run that failed for another reason', () => {
    expect(reportsStepEvent({ status: 'success', reports: [] })).toBeUndefined();
    expect(
      reportsStepEvent({ status: 'failure', reports: [], message: 'engine unreachable' }),
    ).toBeUndefined();
  });
});
