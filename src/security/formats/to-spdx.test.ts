import { describe, expect, it } from 'vitest';
import { toSpdx } from './index.js';
import { sbom } from './testing/scan-fixtures.js';

const meta = {
  toolVersion: '0.1.0',
  subject: { kind: 'image', name: 'nginx:1.27' },
  timestamp: '2026-11-26T12:00:00.123Z',
  uuid: '3e671687-395b-41f5-a30f-a58921a69b79',
} as const;

interface SpdxDocument {
  packages: { SPDXID: string; [key: string]: unknown }[];
  relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
  [key: string]: unknown;
}

const doc = () => toSpdx(sbom, meta) as SpdxDocument;

// No SPDX 2.3 JSON schema ships on npm, so these tests check the fields SPDX 2.3 requires (§6, §7, §11).
describe('toSpdx', () => {
  it('fills the document creation information required by SPDX 2.3', () => {
    expect(doc()).toMatchObject({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'nginx:1.27',
      documentNamespace: 'https://spdx.org/spdxdocs/berth-nginx-1.27-3e671687-395b-41f5-a30f-a58921a69b79',
      creationInfo: { created: '2026-11-26T12:00:00Z', creators: ['Tool: berth-0.1.0'] },
    });
  });

  it('gives every package a unique, well-formed SPDX id and a NOASSERTION download location', () => {
    const { packages } = doc();
    const ids = packages.map((p) => p.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of packages) {
      expect(p.SPDXID).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
      expect(p).toMatchObject({ downloadLocation: 'NOASSERTION', filesAnalyzed: false });
    }
  });

  it('carries each purl as a PACKAGE-MANAGER external reference', () => {
    const lz4 = doc().packages.find((p) => p.name === 'liblz4-1');
    expect(lz4).toMatchObject({
      versionInfo: '1.9.4-1',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:deb/debian/liblz4-1@1.9.4-1?arch=amd64&distro=debian-12',
        },
      ],
    });
  });

  it('describes the image, which contains the distro and every package', () => {
    const { packages, relationships } = doc();
    expect(relationships[0]).toEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: 'SPDXRef-Root',
    });
    const contained = relationships
      .filter((r) => r.relationshipType === 'CONTAINS')
      .map((r) => r.relatedSpdxElement);
    expect(contained).toEqual(packages.filter((p) => p.SPDXID !== 'SPDXRef-Root').map((p) => p.SPDXID));
    expect(packages.find((p) => p.SPDXID === 'SPDXRef-OperatingSystem')).toMatchObject({
      name: 'debian',
      versionInfo: '12',
      primaryPackagePurpose: 'OPERATING-SYSTEM',
    });
  });

  it('makes a new namespace for every document unless a UUID is passed', () => {
    const a = toSpdx(sbom, { toolVersion: '0', subject: meta.subject }) as SpdxDocument;
    const b = toSpdx(sbom, { toolVersion: '0', subject: meta.subject }) as SpdxDocument;
    expect(a.documentNamespace).not.toBe(b.documentNamespace);
  });
});
