import { describe, expect, it } from 'vitest';
import { attachmentName } from './download';
import { filterOthers, filterVulns, fixedVersion, parsePurl, policyText, vulnRow } from './findings';
import { scanGates } from './load-gates';
import type { Finding } from './types';

const vuln = (
  id: string,
  severity: Finding['severity'],
  purl: string,
  fix: string,
  message: string,
): Finding => ({
  kind: 'vulnerability',
  id,
  severity,
  title: `${id} title`,
  message,
  resource: purl,
  fix,
});

const findings: Finding[] = [
  vuln(
    'GHSA-aaaa',
    'critical',
    'pkg:pypi/accesscontrol@4.1',
    'upgrade AccessControl to 4.3 or later',
    'AccessControl 4.1 (PyPI) is affected by GHSA-aaaa: bad',
  ),
  vuln(
    'CVE-2024-1',
    'high',
    'pkg:deb/debian/openssl@3.0.11-1?distro=debian-12',
    'no fixed version is known yet',
    'openssl 3.0.11-1 (Debian:12, source openssl) is affected by CVE-2024-1',
  ),
  {
    kind: 'image-config',
    id: 'CIS-DI-0001',
    severity: 'medium',
    title: 'Image runs as root',
    message: 'no USER',
    fix: 'Add a USER',
  },
];

describe('parsePurl', () => {
  it.each([
    ['pkg:pypi/accesscontrol@4.1', { type: 'pypi', name: 'accesscontrol', version: '4.1' }],
    ['pkg:npm/%40scope/left-pad@1.3.0', { type: 'npm', name: '@scope/left-pad', version: '1.3.0' }],
    ['pkg:deb/debian/openssl@3.0.11-1?arch=amd64', { type: 'deb', name: 'openssl', version: '3.0.11-1' }],
    [
      'pkg:maven/org.apache/log4j-core@2.14.1',
      { type: 'maven', name: 'org.apache:log4j-core', version: '2.14.1' },
    ],
    ['pkg:golang/github.com/x/net@v0.1.0', { type: 'golang', name: 'github.com/x/net', version: 'v0.1.0' }],
  ])('reads %s', (purl, expected) => {
    expect(parsePurl(purl)).toEqual(expected);
  });

  it('answers undefined for something that is not a purl', () => {
    expect(parsePurl('usr/lib/libssl.so')).toBeUndefined();
  });
});

describe('vulnerability rows and filters', () => {
  it('shows the package as the report names it, the installed and the fixed version', () => {
    expect(vulnRow(findings[0]!)).toMatchObject({
      package: 'AccessControl',
      installed: '4.1',
      fixed: '4.3',
      ecosystem: 'PyPI',
    });
    expect(vulnRow(findings[1]!)).toMatchObject({ package: 'openssl', installed: '3.0.11-1', fixed: null });
    expect(fixedVersion(undefined)).toBeNull();
  });

  it('filters by severity, by an available fix and by text in package, id or message', () => {
    expect(filterVulns(findings, {}).map((r) => r.finding.id)).toEqual(['GHSA-aaaa', 'CVE-2024-1']);
    expect(filterVulns(findings, { severity: 'high' }).map((r) => r.finding.id)).toEqual(['CVE-2024-1']);
    expect(filterVulns(findings, { fixable: true }).map((r) => r.finding.id)).toEqual(['GHSA-aaaa']);
    expect(filterVulns(findings, { text: 'OPENSSL' }).map((r) => r.finding.id)).toEqual(['CVE-2024-1']);
    expect(filterOthers(findings, { text: 'root' }).map((f) => f.id)).toEqual(['CIS-DI-0001']);
    expect(filterOthers(findings, { severity: 'critical' })).toEqual([]);
  });
});

describe('scan gates', () => {
  it('describes a policy in words', () => {
    expect(policyText({ severity: 'high', secrets: true, dockerfile: 'none', ignore: [] })).toBe(
      'fails on high or worse, any secret',
    );
    expect(
      policyText({ severity: 'none', secrets: false, dockerfile: ['DL3008'], ignore: ['CVE-1', 'CVE-2'] }),
    ).toBe('fails on Dockerfile DL3008; ignores 2 ids');
    expect(policyText({ severity: 'none', secrets: false, dockerfile: 'none', ignore: [] })).toBe(
      'never fails',
    );
  });

  it('joins a run’s scan steps with their policy, outcome and counted findings', () => {
    const gates = scanGates({
      id: 4,
      app: 'shop',
      number: 2,
      status: 'success',
      event: 'push',
      ref: 'refs/heads/main',
      commit: 'a'.repeat(40),
      trigger: { sender: 'ada' },
      createdAt: 0,
      startedAt: 0,
      finishedAt: 1,
      message: null,
      steps: [{ variant: '', name: 'scan', kind: 'scan', status: 'success', message: null }],
      outputs: { 'scan.summary': '{"critical":0,"high":1}', 'scan.blocking': '0' },
      graph: {
        steps: [
          {
            name: 'scan',
            kind: 'scan',
            target: 'shop:1',
            policy: { severity: 'critical', secrets: true, dockerfile: 'none', ignore: [] },
          },
        ],
      },
    });
    expect(gates).toEqual([
      {
        step: 'scan',
        target: 'shop:1',
        policy: { severity: 'critical', secrets: true, dockerfile: 'none', ignore: [] },
        status: 'success',
        message: null,
        summary: { critical: 0, high: 1 },
        blocking: 0,
      },
    ]);
  });

  it('reads the download name from content-disposition', () => {
    expect(attachmentName('attachment; filename="shop_1.cdx.json"', 'x')).toBe('shop_1.cdx.json');
    expect(attachmentName(null, 'x.json')).toBe('x.json');
  });
});
