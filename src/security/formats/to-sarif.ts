import { createHash } from 'node:crypto';
import type { Finding, FindingSeverity, ScanReport } from '../report/index.js';

/** SARIF `level` (SARIF 2.1.0 §3.27.10): only `error`, `warning` and `note` mean a problem. */
export type SarifLevel = 'error' | 'warning' | 'note';

const levelOf: Record<FindingSeverity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub code scanning reads a rule's `properties["security-severity"]` (a score from 0.0 to 10.0, as a string)
 * to show a security severity (docs.github.com, "SARIF support for code scanning"). A vulnerability's CVSS
 * score is that score; other findings get the midpoint of their severity's band.
 */
const bandMidpoints: Record<FindingSeverity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: '0.0',
};

function securitySeverity(first: Finding, all: readonly Finding[]): string {
  const scores = all.flatMap((f) => (f.cvss === undefined ? [] : [f.cvss.score]));
  return scores.length > 0 ? Math.max(...scores).toFixed(1) : bandMidpoints[first.severity];
}

/** The schema URI SARIF consumers expect in `$schema` (OASIS SARIF 2.1.0 errata01). */
export const sarifSchemaUri =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The key of Berth's fingerprint in `partialFingerprints`; bump the version if its inputs change. */
export const sarifFingerprintKey = 'berthFinding/v1';

/**
 * Converts a scan report to a SARIF 2.1.0 log with one run, as GitHub code scanning and other SARIF
 * viewers read it. Each distinct finding id becomes a rule; each finding a result.
 *
 * @example
 * const log = toSarif(report);
 * await writeFile('berth.sarif', JSON.stringify(log, null, 2));
 */
export function toSarif(report: ScanReport): object {
  // One rule per id; an advisory found in several packages is one rule, scored by its highest CVSS score.
  const byId = new Map<string, { first: Finding; all: Finding[] }>();
  for (const finding of report.findings) {
    const same = byId.get(finding.id);
    if (same === undefined) byId.set(finding.id, { first: finding, all: [finding] });
    else same.all.push(finding);
  }
  const rules = [...byId.values()].map(({ first, all }) => toRule(first, all));
  const ruleIndex = new Map([...byId.keys()].map((id, i) => [id, i]));
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        results: report.findings.map((f) => toResult(f, ruleIndex.get(f.id) ?? 0)),
        properties: { target: report.target, suppressed: report.suppressed },
      },
    ],
  };
}

/** A rule from the first finding of its id; `all` of them decide its security severity. */
function toRule(finding: Finding, all: readonly Finding[]): object {
  return {
    id: finding.id,
    shortDescription: { text: finding.title },
    ...(isAbsoluteUri(finding.reference) ? { helpUri: finding.reference } : {}),
    ...(finding.fix ? { help: { text: finding.fix } } : {}),
    defaultConfiguration: { level: levelOf[finding.severity] },
    properties: {
      tags: ['security', finding.kind],
      'security-severity': securitySeverity(finding, all),
    },
  };
}

function toResult(finding: Finding, ruleIndex: number): object {
  return {
    ruleId: finding.id,
    ruleIndex,
    level: levelOf[finding.severity],
    message: { text: finding.message },
    ...(finding.location ? { locations: [toLocation(finding.location)] } : {}),
    partialFingerprints: { [sarifFingerprintKey]: fingerprint(finding) },
    properties: {
      severity: finding.severity,
      ...(finding.resource === undefined ? {} : { resource: finding.resource }),
      ...(finding.fix === undefined ? {} : { fix: finding.fix }),
      ...(finding.cvss === undefined
        ? {}
        : {
            cvssVersion: finding.cvss.version,
            cvssVector: finding.cvss.vector,
            cvssScore: finding.cvss.score,
          }),
    },
  };
}

function toLocation(location: NonNullable<Finding['location']>): object {
  // SARIF §3.10: line and column numbers are 1-based; a region needs at least startLine.
  const region =
    location.line !== undefined && location.line >= 1
      ? {
          region: {
            startLine: location.line,
            ...(location.column !== undefined && location.column >= 1
              ? { startColumn: location.column }
              : {}),
          },
        }
      : {};
  return { physicalLocation: { artifactLocation: { uri: toUri(location.file) }, ...region } };
}

/** A relative path becomes a URI reference (SARIF §3.4.3): forward slashes, no `./`, percent-encoded. */
function toUri(file: string): string {
  return encodeURI(file.replaceAll('\\', '/').replace(/^(\.\/)+/, ''));
}

/** Stable across runs for the same finding, so code scanning tracks it instead of opening a new alert. */
function fingerprint(f: Finding): string {
  const parts = [f.kind, f.id, f.location?.file, f.location?.line, f.location?.column, f.resource];
  return createHash('sha256')
    .update(parts.map((p) => (p === undefined ? '' : String(p))).join('\0'))
    .digest('hex');
}

function isAbsoluteUri(value: string | undefined): value is string {
  return value !== undefined && URL.canParse(value);
}
