import { describe, expect, it } from 'vitest';
import { toCycloneDx } from './index.js';
import { cycloneDxSchemaErrors } from './testing/schema-validators.js';
import { dockerfileFinding, sbom, vulnFinding } from './testing/scan-fixtures.js';

const meta = {
  toolVersion: '0.1.0',
  subject: { kind: 'image', name: 'nginx:1.27' },
  timestamp: '2026-11-26T12:00:00.000Z',
  uuid: '3e671687-395b-41f5-a30f-a58921a69b79',
} as const;

interface Bom {
  components: Record<string, unknown>[];
  vulnerabilities?: Record<string, unknown>[];
  [key: string]: unknown;
}

describe('toCycloneDx', () => {
  it('produces a BOM that validates against the official CycloneDX 1.6 JSON schema', async () => {
    const bom = toCycloneDx(sbom, { ...meta, findings: [vulnFinding, dockerfileFinding] });
    expect(await cycloneDxSchemaErrors(bom)).toBeNull();
  });

  it('is checked by a schema that rejects an unknown component type (so the check above is real)', async () => {
    const bom = toCycloneDx(sbom, meta) as Bom;
    const broken = { ...bom, components: [{ ...bom.components[0], type: 'os' }] };
    expect(await cycloneDxSchemaErrors(broken)).not.toBeNull();
  });

  it('produces a valid BOM for a directory without a distro or findings', async () => {
    const bom = toCycloneDx({ packages: [] }, { toolVersion: '0.1.0', subject: { kind: 'fs', name: '.' } });
    expect(await cycloneDxSchemaErrors(bom)).toBeNull();
    expect(bom).not.toHaveProperty('vulnerabilities');
  });

  it('fills the header and metadata from the meta', () => {
    expect(toCycloneDx(sbom, meta)).toMatchObject({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      version: 1,
      metadata: {
        timestamp: '2026-11-26T12:00:00.000Z',
        tools: { components: [{ type: 'application', name: 'berth', version: '0.1.0' }] },
        component: { type: 'container', name: 'nginx:1.27' },
      },
    });
  });

  it('gives each serial number a fresh UUID unless one is passed', () => {
    const { serialNumber: a } = toCycloneDx(sbom, { toolVersion: '0', subject: meta.subject }) as Bom;
    const { serialNumber: b } = toCycloneDx(sbom, { toolVersion: '0', subject: meta.subject }) as Bom;
    expect(a).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it('lists the distro as an operating system and each purl once as a library', () => {
    const { components } = toCycloneDx(sbom, meta) as Bom;
    expect(components).toEqual([
      { type: 'operating-system', 'bom-ref': 'os:debian@12', name: 'debian', version: '12' },
      expect.objectContaining({
        type: 'library',
        'bom-ref': 'pkg:deb/debian/liblz4-1@1.9.4-1?arch=amd64&distro=debian-12',
        name: 'liblz4-1',
        version: '1.9.4-1',
        purl: 'pkg:deb/debian/liblz4-1@1.9.4-1?arch=amd64&distro=debian-12',
      }),
      expect.objectContaining({
        type: 'library',
        name: '@hono/node-server',
        purl: 'pkg:npm/%40hono/node-server@2.1.9',
      }),
    ]);
  });

  it('lists vulnerability findings once per advisory, affecting every package they were found in', () => {
    const other = { ...vulnFinding, resource: 'pkg:npm/%40hono/node-server@2.1.9' };
    const { vulnerabilities } = toCycloneDx(sbom, {
      ...meta,
      findings: [vulnFinding, other, vulnFinding, dockerfileFinding],
    }) as Bom;
    expect(vulnerabilities).toEqual([
      {
        'bom-ref': 'vuln:CVE-2025-62813',
        id: 'CVE-2025-62813',
        source: { url: 'https://osv.dev/vulnerability/CVE-2025-62813' },
        ratings: [
          {
            score: 9.3,
            severity: 'critical',
            method: 'CVSSv4',
            vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
          },
        ],
        description: 'lz4: heap overflow',
        recommendation: 'upgrade lz4 to 1.9.4-1+deb12u1 or later',
        affects: [{ ref: vulnFinding.resource }, { ref: 'pkg:npm/%40hono/node-server@2.1.9' }],
      },
    ]);
  });

  it('rates an advisory without a CVSS score by its severity alone', () => {
    const { cvss: _cvss, ...unscored } = vulnFinding;
    const { vulnerabilities } = toCycloneDx(sbom, { ...meta, findings: [unscored] }) as Bom;
    expect(vulnerabilities?.[0]).toMatchObject({ ratings: [{ severity: 'critical' }] });
  });
});
