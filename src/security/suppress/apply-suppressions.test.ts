import { describe, expect, it } from 'vitest';
import type { Finding } from '../report/index.js';
import { applySuppressions, parseBerthignore, parseOpenVex } from './index.js';
import { loadSample, sampleFiles, sampleText } from './testing/openvex-samples.js';

const now = new Date('2026-11-26T12:00:00Z');

const dl3008: Finding = {
  kind: 'dockerfile',
  id: 'DL3008',
  severity: 'medium',
  title: 'Pin versions in apt-get install',
  message: 'apt-get install curl has no version pin',
  location: { file: 'services/web/Dockerfile', line: 4 },
};

const vuln = (id: string, resource: string): Finding => ({
  kind: 'vulnerability',
  id,
  severity: 'high',
  title: id,
  message: `${resource} is affected by ${id}`,
  location: { file: 'var/lib/dpkg/status' },
  resource,
});

const ignore = (yaml: string) => parseBerthignore(yaml, '.berthignore');

describe('applySuppressions with .berthignore', () => {
  it('suppresses a matching finding and says which entry did, with its reason', () => {
    const entries = ignore(
      '- id: DL3008\n  paths: ["services/*/Dockerfile"]\n  reason: pinned by digest\n  expires: 2026-12-31\n',
    );
    const other = { ...dl3008, location: { file: 'Dockerfile', line: 2 } };
    expect(applySuppressions([dl3008, other], { ignore: entries }, now)).toEqual({
      kept: [other],
      suppressed: [{ finding: dl3008, by: '.berthignore:1: pinned by digest' }],
      warnings: [],
    });
  });

  it('stops suppressing when the entry has expired, and warns about it', () => {
    const entries = ignore('- id: DL3008\n  reason: pinned by digest\n  expires: 2026-11-25\n');
    const result = applySuppressions([dl3008], { ignore: entries }, now);
    expect(result.kept).toEqual([dl3008]);
    expect(result.suppressed).toEqual([]);
    expect(result.warnings).toEqual([
      '.berthignore:1: ignore entry "DL3008" expired on 2026-11-25 and no longer suppresses anything; review it and set a new expiry date or remove it',
    ]);
  });

  it('keeps suppressing through the whole expiry day (UTC)', () => {
    const entries = ignore('- id: DL3008\n  reason: r\n  expires: 2026-11-26\n');
    expect(applySuppressions([dl3008], { ignore: entries }, new Date('2026-11-26T23:59:59Z')).kept).toEqual(
      [],
    );
    expect(applySuppressions([dl3008], { ignore: entries }, new Date('2026-11-27T00:00:00Z')).kept).toEqual([
      dl3008,
    ]);
  });

  it.each([
    ['pkg:deb/debian/openssl', true],
    ['pkg:deb/debian/openssl@3.0.15-1~deb12u1', true],
    ['pkg:deb/debian/openssl@3.5.4', false],
    ['openssl', true],
    ['open*', true],
    ['libssl3', false],
  ])('an entry for package %s suppresses an openssl finding: %s', (pkg, suppressed) => {
    const entries = ignore(`- id: CVE-2025-*\n  package: "${pkg}"\n  reason: r\n  expires: 2027-01-01\n`);
    const finding = vuln(
      'CVE-2025-9230',
      'pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12',
    );
    expect(applySuppressions([finding], { ignore: entries }, now).suppressed.length).toBe(suppressed ? 1 : 0);
  });

  it('does not suppress by path a finding without a location, nor by package one without a resource', () => {
    const entries = ignore(
      '- id: "*"\n  paths: ["**"]\n  reason: r\n  expires: 2027-01-01\n- id: "*"\n  package: curl\n  reason: r\n  expires: 2027-01-01\n',
    );
    const bare: Finding = { ...dl3008, location: undefined };
    expect(applySuppressions([bare], { ignore: entries }, now).kept).toEqual([bare]);
  });
});

describe('applySuppressions with OpenVEX', () => {
  const nginx = () => loadSample('dhi-nginx.vex.json');

  it('suppresses a package the image vendor states is not affected, naming the statement', () => {
    const finding = vuln('CVE-2025-62813', 'pkg:deb/debian/liblz4-1@1.9.4-1?arch=amd64&distro=debian-12');
    expect(applySuppressions([finding], { vex: [nginx()] }, now).suppressed).toEqual([
      {
        finding,
        by: 'dhi-nginx.vex.json: CVE-2025-62813 not_affected (vulnerable_code_cannot_be_controlled_by_adversary)',
      },
    ]);
  });

  it('keeps a finding whose latest statement is under_investigation, even after an older not_affected', () => {
    // CVE-2025-9230: not_affected on 2025-09-30, then under_investigation on 2025-10-01 for libssl3t64.
    const finding = vuln('CVE-2025-9230', 'pkg:deb/debian/libssl3t64@3.5.4-1?arch=amd64');
    expect(applySuppressions([finding], { vex: [nginx()] }, now).kept).toEqual([finding]);
  });

  it('matches the version a statement names, and no other', () => {
    const statedVersion = vuln('CVE-2025-62813', 'pkg:deb/debian/lz4@1.9.4-1?arch=amd64');
    const otherVersion = vuln('CVE-2025-62813', 'pkg:deb/debian/lz4@1.9.3-2?arch=amd64');
    const result = applySuppressions([statedVersion, otherVersion], { vex: [nginx()] }, now);
    expect(result.kept).toEqual([otherVersion]);
  });

  it('matches through the aliases of the finding advisory', () => {
    const finding = vuln('DEBIAN-CVE-2025-62813', 'pkg:deb/debian/liblz4-1@1.9.4-1');
    expect(applySuppressions([finding], { vex: [nginx()] }, now).kept).toEqual([finding]);
    const aliases = new Map([['DEBIAN-CVE-2025-62813', ['CVE-2025-62813']]]);
    expect(applySuppressions([finding], { vex: [nginx()], aliases }, now).kept).toEqual([]);
  });

  it('applies subcomponents only inside the named product when the scanned product is known', () => {
    const doc = parseOpenVex(
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        statements: [
          {
            vulnerability: { name: 'CVE-2024-1' },
            products: [{ '@id': 'pkg:oci/app', subcomponents: [{ '@id': 'pkg:npm/left-pad' }] }],
            status: 'fixed',
          },
        ],
      }),
      'app.vex.json',
    );
    const finding = vuln('CVE-2024-1', 'pkg:npm/left-pad@1.3.0');
    expect(applySuppressions([finding], { vex: [doc] }, now).kept).toEqual([]);
    expect(
      applySuppressions([finding], { vex: [doc], product: 'pkg:oci/app@sha256%3Aab' }, now).kept,
    ).toEqual([]);
    expect(applySuppressions([finding], { vex: [doc], product: 'pkg:oci/other' }, now).kept).toEqual([
      finding,
    ]);
  });

  it('never suppresses a finding that is not about a package', () => {
    expect(
      applySuppressions([{ ...dl3008, id: 'CVE-2025-62813' }], { vex: [nginx()] }, now).kept,
    ).toHaveLength(1);
  });

  it.each(sampleFiles())('honours the latest statement for every product in %s', (file) => {
    const doc = loadSample(file);
    const raw = JSON.parse(sampleText(file)) as {
      statements: {
        vulnerability: { name: string };
        timestamp: string;
        status: string;
        products: { '@id': string; subcomponents?: { '@id': string }[] }[];
      }[];
    };
    // Oracle: the statements that name this exact purl; the one with the latest timestamp decides.
    const purlsOf = (s: (typeof raw.statements)[number]) =>
      s.products.flatMap((p) => [p['@id'], ...(p.subcomponents ?? []).map((c) => c['@id'])]);
    const cases = raw.statements.flatMap((s) =>
      purlsOf(s)
        .filter((purl) => !/^pkg:(docker|oci)\//.test(purl))
        .map((purl) => ({ id: s.vulnerability.name, purl })),
    );
    expect(cases.length).toBeGreaterThan(0);
    for (const { id, purl } of cases) {
      const latest = raw.statements
        .filter((s) => s.vulnerability.name === id && purlsOf(s).includes(purl))
        .reduce((a, b) => (Date.parse(b.timestamp) >= Date.parse(a.timestamp) ? b : a));
      // What a scanner reports: a concrete version and its own qualifiers.
      const resource = purl.includes('@')
        ? `${purl}${purl.includes('?') ? '&' : '?'}arch=amd64`
        : `${purl}@0.0.1-test?arch=amd64`;
      const result = applySuppressions([vuln(id, resource)], { vex: [doc] }, now);
      const expected = latest.status === 'not_affected' || latest.status === 'fixed';
      expect({ id, purl, suppressed: result.suppressed.length === 1 }).toEqual({
        id,
        purl,
        suppressed: expected,
      });
    }
  });
});
