import { describe, expect, it } from 'vitest';
import { sarifFingerprintKey, toSarif } from './index.js';
import { sarifSchemaErrors } from './testing/schema-validators.js';
import { dockerfileFinding, report, secretFinding, vulnFinding } from './testing/scan-fixtures.js';

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: Record<string, unknown>[] } };
    results: Record<string, unknown>[];
  }[];
}

const sarif = (findings = [dockerfileFinding, vulnFinding, secretFinding]) =>
  toSarif(report(findings)) as SarifLog;

describe('toSarif', () => {
  it('produces a log that validates against the official SARIF 2.1.0 schema', () => {
    expect(sarifSchemaErrors(toSarif(report([dockerfileFinding, vulnFinding, secretFinding])))).toEqual([]);
  });

  it('is checked by a schema that rejects a wrong level (so the check above is real)', () => {
    const log = sarif([dockerfileFinding]);
    const broken = {
      ...log,
      runs: [{ ...log.runs[0], results: [{ ...log.runs[0]?.results[0], level: 'critical' }] }],
    };
    expect(sarifSchemaErrors(broken)).not.toEqual([]);
  });

  it('produces a valid log for a scan without findings', () => {
    const log = toSarif(report([]));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect((log as SarifLog).runs[0]?.results).toEqual([]);
  });

  it('names berth and its version as the driver of one run', () => {
    const log = sarif();
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.tool.driver).toMatchObject({ name: 'berth', version: '0.1.0' });
  });

  it('describes each rule once, with its help link and default level', () => {
    const rules = sarif([
      dockerfileFinding,
      { ...dockerfileFinding, location: { file: 'Dockerfile', line: 9 } },
    ]).runs[0]?.tool.driver.rules;
    expect(rules).toEqual([
      expect.objectContaining({
        id: 'DL3008',
        shortDescription: { text: 'Pin versions in apt-get install' },
        helpUri: 'https://github.com/hadolint/hadolint/wiki/DL3008',
        defaultConfiguration: { level: 'warning' },
      }),
    ]);
  });

  it.each([
    ['critical', 'error'],
    ['high', 'error'],
    ['medium', 'warning'],
    ['low', 'note'],
    ['info', 'note'],
  ] as const)('maps severity %s to level %s', (severity, level) => {
    expect(sarif([{ ...dockerfileFinding, severity }]).runs[0]?.results[0]?.level).toBe(level);
  });

  it('points a result at its file, line and column as a relative URI', () => {
    const result = sarif([
      { ...dockerfileFinding, location: { file: './my app/Dockerfile', line: 4, column: 7 } },
    ]).runs[0]?.results[0];
    expect(result).toMatchObject({
      ruleId: 'DL3008',
      ruleIndex: 0,
      message: { text: 'apt-get install curl has no version pin' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'my%20app/Dockerfile' },
            region: { startLine: 4, startColumn: 7 },
          },
        },
      ],
    });
  });

  it('leaves out the region when the finding has no line, and the location when it has no file', () => {
    const [vuln, secret] = sarif([vulnFinding, secretFinding]).runs[0]?.results ?? [];
    expect(vuln?.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'var/lib/dpkg/status' } } },
    ]);
    expect(secret).not.toHaveProperty('locations');
  });

  it('gives the same finding the same fingerprint and different findings different ones', () => {
    const fingerprintOf = (log: SarifLog, i: number) =>
      (log.runs[0]?.results[i]?.partialFingerprints as Record<string, string>)[sarifFingerprintKey];
    const first = sarif();
    const again = sarif();
    expect(fingerprintOf(first, 0)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf(again, 0)).toBe(fingerprintOf(first, 0));
    const moved = sarif([{ ...dockerfileFinding, location: { file: 'Dockerfile', line: 5 } }]);
    expect(fingerprintOf(moved, 0)).not.toBe(fingerprintOf(first, 0));
  });

  it("gives a vulnerability's rule its CVSS score as security-severity, and its result the vector", () => {
    const log = sarif([vulnFinding]);
    expect(log.runs[0]?.tool.driver.rules[0]).toMatchObject({
      id: 'CVE-2025-62813',
      properties: { 'security-severity': '9.3' },
    });
    expect(log.runs[0]?.results[0]?.properties).toMatchObject({
      cvssVersion: '4.0',
      cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      cvssScore: 9.3,
    });
  });

  it('scores an advisory found in several packages by its highest CVSS score', () => {
    const lower = {
      ...vulnFinding,
      resource: 'pkg:deb/debian/lz4@1',
      cvss: { version: '3.1' as const, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N', score: 4.2 },
    };
    const rules = sarif([lower, vulnFinding]).runs[0]?.tool.driver.rules;
    expect(rules).toHaveLength(1);
    expect(rules?.[0]).toMatchObject({ properties: { 'security-severity': '9.3' } });
  });

  it.each([
    ['critical', '9.5'],
    ['high', '8.0'],
    ['medium', '5.5'],
    ['low', '2.0'],
    ['info', '0.0'],
  ] as const)('gives a finding without a CVSS score the midpoint of the %s band (%s)', (severity, score) => {
    const rule = sarif([{ ...dockerfileFinding, severity }]).runs[0]?.tool.driver.rules[0];
    expect(rule).toMatchObject({ properties: { 'security-severity': score } });
  });
});
