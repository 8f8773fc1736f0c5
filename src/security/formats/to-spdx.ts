import { randomUUID } from 'node:crypto';
import type { SbomDocumentMeta, SbomInput } from './sbom-document-meta.js';

/**
 * Converts an SBOM to an SPDX 2.3 JSON document (spdx.github.io/spdx-spec/v2.3). The document DESCRIBES one
 * root package (the image or directory), which CONTAINS the distro and every package; each package carries
 * its purl as a PACKAGE-MANAGER external reference (SPDX 2.3 Annex F).
 *
 * @example
 * const doc = toSpdx(sbom, { toolVersion: '0.1.0', subject: { kind: 'image', name: 'nginx:1.27' } });
 */
export function toSpdx(sbom: SbomInput, meta: SbomDocumentMeta): object {
  const rootId = 'SPDXRef-Root';
  const packages: object[] = [
    {
      SPDXID: rootId,
      name: meta.subject.name,
      ...(meta.subject.version ? { versionInfo: meta.subject.version } : {}),
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: meta.subject.kind === 'image' ? 'CONTAINER' : 'SOURCE',
    },
  ];
  const relationships: object[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: rootId },
  ];
  const contains = (id: string): void => {
    relationships.push({ spdxElementId: rootId, relationshipType: 'CONTAINS', relatedSpdxElement: id });
  };
  if (sbom.distro) {
    packages.push({
      SPDXID: 'SPDXRef-OperatingSystem',
      name: sbom.distro.id,
      ...(sbom.distro.versionId ? { versionInfo: sbom.distro.versionId } : {}),
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: 'OPERATING-SYSTEM',
    });
    contains('SPDXRef-OperatingSystem');
  }
  sbom.packages.forEach((pkg, index) => {
    const id = `SPDXRef-Package-${index + 1}-${idSafe(pkg.name)}`;
    packages.push({
      SPDXID: id,
      name: pkg.name,
      versionInfo: pkg.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: 'LIBRARY',
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.purl },
      ],
    });
    contains(id);
  });
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: meta.subject.name,
    // SPDX 2.3 §6.5: a unique absolute URI without `#`; spdx.org/spdxdocs is the spec's own example prefix.
    documentNamespace: `https://spdx.org/spdxdocs/berth-${idSafe(meta.subject.name)}-${meta.uuid ?? randomUUID()}`,
    creationInfo: {
      // SPDX 2.3 §6.9: `YYYY-MM-DDThh:mm:ssZ`, UTC without fractional seconds.
      created: (meta.timestamp ?? new Date().toISOString()).replace(/\.\d+Z$/, 'Z'),
      creators: [`Tool: berth-${meta.toolVersion}`],
    },
    packages,
    relationships,
  };
}

/** SPDX identifiers allow only letters, digits, `.` and `-` (SPDX 2.3 §7.2). */
function idSafe(value: string): string {
  return value.replace(/[^A-Za-z0-9.-]+/g, '-');
}
