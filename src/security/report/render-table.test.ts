import { describe, expect, it } from 'vitest';
import { renderTable } from './render-table.js';
import { summarize, type Finding, type ScanReport } from './scan-report.js';

const vulnerability: Finding = {
  kind: 'vulnerability',
  id: 'CVE-2024-0001',
  severity: 'critical',
  title: 'heap overflow',
  message: 'libfoo 1.0-1 (Debian:12) is affected by CVE-2024-0001',
  location: { file: 'var/lib/dpkg/status' },
  resource: 'pkg:deb/debian/libfoo@1.0-1',
  fix: 'upgrade libfoo to 1.0-2 or later',
  cvss: {
    version: '4.0',
    vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    score: 9.3,
  },
};

const report = (findings: Finding[]): ScanReport => ({
  schemaVersion: 1,
  tool: { name: 'berth', version: '0.1.0' },
  createdAt: '2026-11-26T12:00:00.000Z',
  target: { kind: 'image', name: 'app.tar' },
  findings,
  suppressed: 0,
  summary: summarize(findings),
});

describe('renderTable', () => {
  it("shows a vulnerability's CVSS version, score and vector under its message", () => {
    expect(renderTable(report([vulnerability])).split('\n')).toEqual([
      'image app.tar',
      '',
      'CRITICAL (1)',
      '  CVE-2024-0001 var/lib/dpkg/status [pkg:deb/debian/libfoo@1.0-1]',
      '            libfoo 1.0-1 (Debian:12) is affected by CVE-2024-0001',
      '            CVSS 4.0 9.3: CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      '            fix: upgrade libfoo to 1.0-2 or later',
      '',
      '1 findings: 1 critical, 0 high, 0 medium, 0 low, 0 info; 0 suppressed',
    ]);
  });

  it('prints a whole-number score with its decimal, as CVSS writes scores', () => {
    const ten: Finding = {
      ...vulnerability,
      cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', score: 10 },
    };
    expect(renderTable(report([ten]))).toContain('CVSS 3.1 10.0: CVSS:3.1/');
  });
});
