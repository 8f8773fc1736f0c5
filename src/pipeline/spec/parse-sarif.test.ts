import { describe, expect, it } from 'vitest';
// A contract test with the scanner's writer (src/security/formats is that folder's public surface).
import { toSarif } from '../../security/formats/index.js';
import type { ScanReport } from '../../security/index.js';
import { parseSarif } from './parse-sarif.js';
import type { ReportSummary } from './report-summary.js';

function summary(log: unknown): ReportSummary {
  const result = parseSarif(JSON.stringify(log));
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

const location = (uri: string, startLine?: number) => ({
  physicalLocation: {
    artifactLocation: { uri },
    ...(startLine === undefined ? {} : { region: { startLine } }),
  },
});

const log = {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0',
  runs: [
    {
      tool: {
        driver: {
          name: 'eslint',
          rules: [
            { id: 'no-unused-vars', defaultConfiguration: { level: 'error' } },
            { id: 'eqeqeq', messageStrings: { default: { text: 'Expected {0} and saw {1}.' } } },
          ],
        },
      },
      artifacts: [{ location: { uri: 'src/from-index.ts' } }],
      results: [
        {
          ruleId: 'no-unused-vars',
          ruleIndex: 0,
          message: { text: "'x' is unused." },
          locations: [location('src/a.ts', 3)],
        },
        {
          ruleId: 'eqeqeq',
          level: 'warning',
          message: { id: 'default', arguments: ['===', '=='] },
          locations: [location('file:///src/b%20c.ts', 9)],
        },
        {
          rule: { index: 1 },
          message: { text: 'via index' },
          locations: [{ physicalLocation: { artifactLocation: { index: 0 } } }],
        },
        { ruleId: 'x', kind: 'pass', message: { text: 'ok' } },
        { ruleId: 'x', kind: 'informational', level: 'none', message: { text: 'fyi' } },
        { ruleId: 'x', kind: 'notApplicable', message: { text: 'n/a' } },
        { ruleId: 'review-me', kind: 'review', level: 'note', message: { text: 'look' } },
        { ruleId: 'no-unused-vars', message: { text: 'waived' }, suppressions: [{ kind: 'inSource' }] },
        {
          ruleId: 'no-unused-vars',
          message: { text: 'waiver rejected' },
          suppressions: [{ kind: 'external', status: 'rejected' }],
        },
      ],
    },
    { tool: { driver: { name: 'empty' } }, results: null },
  ],
};

describe('parseSarif', () => {
  it('summarises results by kind and suppression and resolves levels, messages, rules and locations', () => {
    expect(summary(log)).toEqual({
      kind: 'sarif',
      total: 9,
      passed: 2,
      failed: 5,
      skipped: 2,
      bySeverity: { error: 2, warning: 2, note: 1 },
      findings: [
        { message: "'x' is unused.", rule: 'no-unused-vars', severity: 'error', file: 'src/a.ts', line: 3 },
        {
          message: 'Expected === and saw ==.',
          rule: 'eqeqeq',
          severity: 'warning',
          file: '/src/b c.ts',
          line: 9,
        },
        { message: 'via index', rule: 'eqeqeq', severity: 'warning', file: 'src/from-index.ts' },
        { message: 'look', rule: 'review-me', severity: 'note' },
        { message: 'waiver rejected', rule: 'no-unused-vars', severity: 'error' },
      ],
      omittedFindings: 0,
    });
  });

  it('reads the SARIF that `berth scan --format sarif` writes', () => {
    const report: ScanReport = {
      schemaVersion: 1,
      tool: { name: 'berth', version: '0.1.0' },
      createdAt: '2025-01-01T00:00:00Z',
      target: { kind: 'fs', name: '.' },
      findings: [
        {
          kind: 'secret',
          id: 'aws-access-key',
          severity: 'critical',
          title: 'AWS key',
          message: 'AWS access key',
          location: { file: 'conf/my env', line: 2 },
        },
        {
          kind: 'dockerfile',
          id: 'DL3008',
          severity: 'low',
          title: 'Pin versions',
          message: 'Pin versions in apt-get install',
          location: { file: 'Dockerfile' },
        },
      ],
      suppressed: 0,
      summary: { critical: 1, high: 0, medium: 0, low: 1, info: 0 },
    };
    const parsed = parseSarif(JSON.stringify(toSarif(report)));
    expect(parsed.ok && parsed.value.findings).toEqual([
      { message: 'AWS access key', rule: 'aws-access-key', severity: 'error', file: 'conf/my env', line: 2 },
      { message: 'Pin versions in apt-get install', rule: 'DL3008', severity: 'note', file: 'Dockerfile' },
    ]);
  });

  it.each([
    ['{', 'not JSON'],
    ['{"version":"2.0.0","runs":[]}', 'not a SARIF 2.1.0 log: version'],
    ['{"version":"2.1.0"}', 'not a SARIF 2.1.0 log: runs'],
    [
      '{"version":"2.1.0","runs":[{"tool":{"driver":{}},"results":[{"level":"fatal","message":{}}]}]}',
      'runs.0.results.0.level',
    ],
  ])('refuses %j', (text, reason) => {
    const result = parseSarif(text);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('refuses a file over the size limit', () => {
    expect(parseSarif(JSON.stringify(log), { maxBytes: 100 })).toEqual({
      ok: false,
      reason: 'the file is larger than 100 bytes',
    });
  });
});
