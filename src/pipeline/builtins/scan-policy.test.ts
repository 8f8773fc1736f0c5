import { describe, expect, it } from 'vitest';
import type { Finding } from '../../security/index.js';
import { blockingFindings } from './scan-policy.js';

const finding = (kind: Finding['kind'], id: string, severity: Finding['severity']): Finding => ({
  kind,
  id,
  severity,
  title: id,
  message: id,
});
const findings = [
  finding('vulnerability', 'CVE-1', 'critical'),
  finding('vulnerability', 'CVE-2', 'medium'),
  finding('secret', 'aws-access-key', 'high'),
  finding('dockerfile', 'DL3008', 'low'),
  finding('dockerfile', 'DL3007', 'medium'),
];

describe('blockingFindings', () => {
  it.each([
    [{ severity: 'high', secrets: true, dockerfile: 'none', ignore: [] }, ['CVE-1', 'aws-access-key']],
    [{ severity: 'medium', secrets: false, dockerfile: ['DL3008'], ignore: ['CVE-2'] }, ['CVE-1', 'DL3008']],
    [{ severity: 'none', secrets: false, dockerfile: 'all', ignore: [] }, ['DL3008', 'DL3007']],
  ] as const)('under %j blocks %j', (policy, ids) => {
    expect(blockingFindings(findings, policy).map((f) => f.id)).toEqual(ids);
  });
});
