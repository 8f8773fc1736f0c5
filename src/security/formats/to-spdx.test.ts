import { describe, expect, it } from 'vitest';
import { toSpdx } from './index.js';
import { sbom } from './testing/scan-fixtures.js';
import { spdxStructureErrors } from './testing/spdx-structure.js';

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

// No npm package ships the official SPDX 2.3 JSON schema, so documents are checked against Berth's own
// structural schema written from the SPDX 2.3 specification (testing/spdx-structure.ts), not the official one.
describe('toSpdx', () => {
  it('produces a document with the structure SPDX 2.3 requires (structural check, not the official schema)', () => {
    expect(spdxStructureErrors(doc())).toEqual([]);
  });

  it('produces a valid document for a folder without a distro or packages, and for awkward names', () => {
    expect(
      spdxStructureErrors(
        toSpdx({ packages: [] }, { toolVersion: '0.1.0', subject: { kind: 'fs', name: '.' } }),
      ),
    ).toEqual([]);
    const odd = {
      packages: [
        {
          ecosystem: 'npm',
          name: '@scope/ünïcode pkg',
          version: '1.0.0 beta',
          purl: 'pkg:npm/%40scope/%C3%BCn%C3%AFcode%20pkg@1.0.0%20beta',
        },
      ],
    };
    expect(
      spdxStructureErrors(
        toSpdx(odd, {
          toolVersion: '0.1.0',
          subject: { kind: 'image', name: 'registry:5000/a/b@sha256:ab' },
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    ['a wrong data licence', (d: SpdxDocument) => ({ ...d, dataLicense: 'MIT' }), '/dataLicense'],
    [
      'a namespace with a fragment',
      (d: SpdxDocument) => ({ ...d, documentNamespace: 'https://x.example/doc#1' }),
      '/documentNamespace',
    ],
    [
      'fractional seconds in created',
      (d: SpdxDocument) => ({
        ...d,
        creationInfo: { created: '2026-11-26T12:00:00.123Z', creators: ['Tool: berth-0.1.0'] },
      }),
      '/creationInfo/created',
    ],
    [
      'a creator without its kind',
      (d: SpdxDocument) => ({ ...d, creationInfo: { created: '2026-11-26T12:00:00Z', creators: ['berth'] } }),
      '/creationInfo/creators/0',
    ],
    [
      'a package without downloadLocation',
      (d: SpdxDocument) => ({ ...d, packages: [{ SPDXID: 'SPDXRef-A', name: 'a', filesAnalyzed: false }] }),
      '/packages/0',
    ],
    [
      'an SPDX id with an underscore',
      (d: SpdxDocument) => ({ ...d, packages: [{ ...d.packages[1], SPDXID: 'SPDXRef-a_b' }] }),
      '/packages/0/SPDXID',
    ],
    [
      'files analysed without a verification code',
      (d: SpdxDocument) => ({ ...d, packages: d.packages.map(({ filesAnalyzed: _f, ...p }) => p) }),
      '/packages/0',
    ],
    [
      'a purl with white space',
      (d: SpdxDocument) => ({
        ...d,
        packages: [
          {
            ...d.packages[2],
            externalRefs: [
              {
                referenceCategory: 'PACKAGE-MANAGER',
                referenceType: 'purl',
                referenceLocator: 'pkg:npm/a b@1',
              },
            ],
          },
        ],
      }),
      '/packages/0/externalRefs/0/referenceLocator',
    ],
    [
      'a relationship to a missing element',
      (d: SpdxDocument) => ({
        ...d,
        relationships: [
          ...d.relationships,
          { spdxElementId: 'SPDXRef-Root', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-Gone' },
        ],
      }),
      '/relationships/',
    ],
    [
      'an unknown relationship type',
      (d: SpdxDocument) => ({ ...d, relationships: [{ ...d.relationships[0], relationshipType: 'HAS' }] }),
      '/relationships/0/relationshipType',
    ],
    [
      'a document that describes nothing',
      (d: SpdxDocument) => ({ ...d, relationships: d.relationships.slice(1) }),
      '/relationships',
    ],
  ] as const)(
    'is checked by a structure that rejects %s (so the check above is real)',
    (_what, breakIt, path) => {
      const errors = spdxStructureErrors(breakIt(doc()));
      expect(errors.some((e) => e.startsWith(path))).toBe(true);
    },
  );

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
