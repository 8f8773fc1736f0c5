/** Severity of a finding, highest first; the order `--fail-on` compares with. */
export const severityOrder = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type FindingSeverity = (typeof severityOrder)[number];

export type FindingKind = 'misconfig' | 'dockerfile' | 'secret' | 'vulnerability' | 'image-config';

/** One problem, whatever analyser found it: the one report format of every `berth scan`. */
export interface Finding {
  kind: FindingKind;
  /** Stable rule or advisory id (e.g. `BC101`, `DL3008`, `GHSA-...`). */
  id: string;
  severity: FindingSeverity;
  title: string;
  message: string;
  location?: { file: string; line?: number; column?: number };
  resource?: string;
  reference?: string;
  fix?: string;
  /**
   * Vulnerabilities: the advisory's CVSS vector and score (the newest CVSS version it gives, computed by
   * Berth from the vector: v2, v3.0, v3.1 base scores; v4.0 with the threat and environmental metrics the
   * vector carries). The severity comes from the source's own word when it has one, else from this score.
   */
  cvss?: { version: '2.0' | '3.0' | '3.1' | '4.0'; vector: string; score: number };
}

/** The stable JSON document `berth scan --format json` prints (docs/scan.md). */
export interface ScanReport {
  schemaVersion: 1;
  tool: { name: 'berth'; version: string };
  createdAt: string;
  target: { kind: 'compose' | 'kubernetes' | 'dockerfile' | 'image' | 'fs'; name: string };
  findings: Finding[];
  /** Findings hidden by `.berthignore` or VEX, always counted. */
  suppressed: number;
  summary: Record<FindingSeverity, number>;
  /** Problems with the scan itself, e.g. a missing or stale vulnerability database. */
  warnings?: string[];
  /** Image and filesystem scans: the packages found (the SBOM). */
  sbom?: {
    distro?: { id: string; versionId?: string; ecosystem?: string };
    packages: {
      ecosystem: string;
      name: string;
      version: string;
      sourceName?: string;
      purl: string;
      locations: string[];
    }[];
  };
}

export function summarize(findings: readonly Finding[]): Record<FindingSeverity, number> {
  const summary = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return summary;
}

/** Whether any finding is at or above `threshold` (for `--fail-on`). */
export function failsAt(findings: readonly Finding[], threshold: FindingSeverity): boolean {
  const limit = severityOrder.indexOf(threshold);
  return findings.some((f) => severityOrder.indexOf(f.severity) <= limit);
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity) ||
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      a.id.localeCompare(b.id),
  );
}
