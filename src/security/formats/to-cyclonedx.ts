import { randomUUID } from 'node:crypto';
import type { Finding } from '../report/index.js';
import type { SbomDocumentMeta, SbomInput } from './sbom-document-meta.js';

/**
 * Converts an SBOM to a CycloneDX 1.6 JSON BOM (cyclonedx.org/docs/1.6/json). Packages become `library`
 * components and the distro an `operating-system` component, each with its purl as `bom-ref`; vulnerability
 * findings become `vulnerabilities` whose `affects` point at those refs (a VEX-capable BOM).
 *
 * @example
 * const bom = toCycloneDx(sbom, { toolVersion: '0.1.0', subject: { kind: 'image', name: 'nginx:1.27' } });
 */
export function toCycloneDx(sbom: SbomInput, meta: SbomDocumentMeta): object {
  const subjectRef = `${meta.subject.kind}:${meta.subject.name}`;
  const components: object[] = [];
  const refs = new Set<string>();
  if (sbom.distro) {
    const ref = `os:${sbom.distro.id}${sbom.distro.versionId ? `@${sbom.distro.versionId}` : ''}`;
    refs.add(ref);
    components.push({
      type: 'operating-system',
      'bom-ref': ref,
      name: sbom.distro.id,
      ...(sbom.distro.versionId ? { version: sbom.distro.versionId } : {}),
    });
  }
  for (const pkg of sbom.packages) {
    // bom-ref must be unique in a BOM (CycloneDX 1.6 `refType`); the same purl found twice is one component.
    if (refs.has(pkg.purl)) continue;
    refs.add(pkg.purl);
    components.push({
      type: 'library',
      'bom-ref': pkg.purl,
      name: pkg.name,
      version: pkg.version,
      purl: pkg.purl,
      properties: [{ name: 'berth:ecosystem', value: pkg.ecosystem }],
    });
  }
  const vulnerabilities = toVulnerabilities(meta.findings ?? []);
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${meta.uuid ?? randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: meta.timestamp ?? new Date().toISOString(),
      tools: { components: [{ type: 'application', name: 'berth', version: meta.toolVersion }] },
      component: {
        type: meta.subject.kind === 'image' ? 'container' : 'file',
        'bom-ref': subjectRef,
        name: meta.subject.name,
        ...(meta.subject.version ? { version: meta.subject.version } : {}),
      },
    },
    components,
    dependencies: [{ ref: subjectRef, dependsOn: [...refs] }],
    ...(vulnerabilities.length > 0 ? { vulnerabilities } : {}),
  };
}

/** CycloneDX 1.6 `scoreMethod` names of the CVSS versions. */
const cvssMethods: Readonly<Record<NonNullable<Finding['cvss']>['version'], string>> = {
  '2.0': 'CVSSv2',
  '3.0': 'CVSSv3',
  '3.1': 'CVSSv31',
  '4.0': 'CVSSv4',
};

/** One entry per advisory id, affecting every package it was found in (CycloneDX 1.6 `vulnerability`). */
function toVulnerabilities(findings: readonly Finding[]): object[] {
  const byId = new Map<string, { first: Finding; affects: Set<string> }>();
  for (const f of findings) {
    if (f.kind !== 'vulnerability' || f.resource === undefined) continue;
    const entry = byId.get(f.id) ?? { first: f, affects: new Set<string>() };
    entry.affects.add(f.resource);
    byId.set(f.id, entry);
  }
  return [...byId].map(([id, { first, affects }]) => ({
    'bom-ref': `vuln:${id}`,
    id,
    ...(first.reference && URL.canParse(first.reference) ? { source: { url: first.reference } } : {}),
    ratings: [
      first.cvss === undefined
        ? { severity: first.severity }
        : {
            score: first.cvss.score,
            severity: first.severity,
            method: cvssMethods[first.cvss.version],
            vector: first.cvss.vector,
          },
    ],
    description: first.title,
    ...(first.fix ? { recommendation: first.fix } : {}),
    affects: [...affects].map((ref) => ({ ref })),
  }));
}
