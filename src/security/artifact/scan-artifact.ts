import { existsSync } from 'node:fs';
import {
  collectFiles,
  openImage,
  scanDirectory,
  type CollectedFile,
  type FileWanted,
  type ImageSource,
} from '../image/index.js';
import { checkImageConfig, imageConfigWanted } from '../imageconfig/index.js';
import { findSecretsInFiles, secretWanted, toFindings as secretFindings } from '../secrets/index.js';
import type { Finding } from '../report/index.js';
import { extractSbom, sbomWanted, type Package, type Sbom } from '../sbom/index.js';
import type { VulnMatch } from '../vulndb/index.js';
// The reading half of the database and the severity rules only: the folder's index also loads the
// importers (YAML, zip, OSV and Alpine schemas), which a scan never runs (bench/scan.ts, issue 4).
import { advisorySeverity, preferredCvss } from '../vulndb/advisory-severity.js';
import { VulnDb } from '../vulndb/vuln-db.js';

export interface ArtifactScan {
  sbom: Sbom;
  findings: Finding[];
  /** Set when no vulnerability data was available or it is stale. */
  warnings: string[];
}

function toFinding(pkg: Package, match: VulnMatch): Finding {
  const fix = match.fixed[0];
  const cvss = preferredCvss(match.severity);
  return {
    kind: 'vulnerability',
    id: match.advisory.id,
    severity: advisorySeverity(match.severity, match.advisory.databaseSeverity),
    title: match.advisory.summary ?? match.advisory.id,
    message: `${pkg.name} ${pkg.version} (${pkg.ecosystem}${match.via === 'source' ? `, source ${match.package.name}` : ''}) is affected by ${match.advisory.id}${match.advisory.aliases.length ? ` (${match.advisory.aliases.slice(0, 3).join(', ')})` : ''}${match.advisory.summary ? `: ${match.advisory.summary}` : ''}`,
    location: { file: pkg.locations[0] ?? pkg.purl },
    resource: pkg.purl,
    reference: `https://osv.dev/vulnerability/${match.advisory.id}`,
    fix:
      fix === undefined
        ? 'no fixed version is known yet'
        : `upgrade ${match.via === 'source' ? match.package.name : pkg.name} to ${fix} or later`,
    ...(cvss === undefined
      ? {}
      : { cvss: { version: cvss.version, vector: cvss.vector, score: cvss.score } }),
  };
}

/** Matches every package of an SBOM against the local OSV database (if it exists). */
export function matchVulnerabilities(
  sbom: Sbom,
  dbPath: string,
  now = new Date(),
): { findings: Finding[]; warnings: string[] } {
  if (!existsSync(dbPath)) {
    return {
      findings: [],
      warnings: [
        `no vulnerability database at ${dbPath}: run \`berth db update\` (or --from a folder or zip of OSV records)`,
      ],
    };
  }
  const db = new VulnDb(dbPath);
  try {
    const warnings: string[] = [];
    const age = db.ageWarning(now);
    if (age) warnings.push(age);
    const findings: Finding[] = [];
    for (const pkg of sbom.packages) {
      const { matches } = db.match({
        ecosystem: pkg.ecosystem,
        name: pkg.name,
        version: pkg.version,
        ...(pkg.sourceName === undefined ? {} : { sourceName: pkg.sourceName }),
        ...(pkg.sourceVersion === undefined ? {} : { sourceVersion: pkg.sourceVersion }),
      });
      for (const match of matches) findings.push(toFinding(pkg, match));
    }
    return { findings, warnings };
  } finally {
    db.close();
  }
}

/**
 * The collected files that {@link secretWanted} chose. The collection also holds files read for the SBOM
 * alone (dpkg's file lists: ~8 MB in a Debian image) or for their modes; searching those too ignored the
 * secret allow paths and took most of a Debian image scan's time (bench/scan.ts, issue 4).
 */
function secretCandidates(files: ReadonlyMap<string, CollectedFile>): Map<string, CollectedFile> {
  return new Map(
    [...files].filter(([path, file]) => secretWanted(path, { size: file.data.length, mode: file.mode })),
  );
}

/** Every file an image or folder scan reads: package data first, then secrets, then modes only. */
const scanWanted: FileWanted = (path, info) =>
  sbomWanted(path, info) || secretWanted(path, info) || imageConfigWanted(path, info);

/** SBOM, vulnerabilities, secrets and image configuration checks of an image (engine, registry, docker-save tarball or OCI layout). */
export async function scanImage(
  source: ImageSource,
  dbPath: string,
  options: { signal?: AbortSignal; onProgress?: (line: string) => void } = {},
): Promise<ArtifactScan> {
  const handle = await openImage(source, options.signal ? { signal: options.signal } : {});
  const collected = await collectFiles(handle, scanWanted, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress
      ? { onProgress: (p: unknown) => options.onProgress?.(typeof p === 'string' ? p : JSON.stringify(p)) }
      : {}),
  });
  const sbom = await extractSbom(collected.files);
  const vulns = matchVulnerabilities(sbom, dbPath);
  const files = [...collected.files].map(([path, f]) => ({ path, mode: f.mode, size: f.data.length }));
  return {
    sbom,
    warnings: vulns.warnings,
    findings: [
      ...vulns.findings,
      ...secretFindings(findSecretsInFiles(secretCandidates(collected.files))),
      ...checkImageConfig(collected.config, files),
    ],
  };
}

/** SBOM, vulnerabilities and secrets of a directory (lockfiles, package metadata, binaries). */
export async function scanFilesystem(dir: string, dbPath: string): Promise<ArtifactScan> {
  const collected = await scanDirectory(
    dir,
    (path, info) => sbomWanted(path, info) || secretWanted(path, info),
  );
  const sbom = await extractSbom(collected.files);
  const vulns = matchVulnerabilities(sbom, dbPath);
  return {
    sbom,
    warnings: vulns.warnings,
    findings: [...vulns.findings, ...secretFindings(findSecretsInFiles(secretCandidates(collected.files)))],
  };
}
