/**
 * The Security page's view of the API (src/server/routes/scans.ts, docs/api.md#image-scans,
 * docs/scan.md#report-json-schema). Written by hand: the browser program must not import server code.
 */

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

export type FindingKind = 'misconfig' | 'dockerfile' | 'secret' | 'vulnerability' | 'image-config';

export interface Finding {
  kind: FindingKind;
  id: string;
  severity: Severity;
  title: string;
  message: string;
  location?: { file: string; line?: number; column?: number };
  /** Vulnerabilities: the package's purl. */
  resource?: string;
  reference?: string;
  fix?: string;
  cvss?: { version: string; vector: string; score: number };
}

/** `GET /scans` (`{scans}`), newest first; times are epoch milliseconds. */
export interface ScanListItem {
  imageId: string;
  reference: string;
  scannedAt: number;
  matchedAt: number;
  dbVersion: string | null;
  warnings: string[];
  summary: Record<Severity, number>;
}

/** `GET /scans/{imageId}` and `POST /scans`; times are ISO 8601. */
export interface ScanReport {
  imageId: string;
  reference: string;
  scannedAt: string;
  matchedAt: string;
  dbVersion: string | null;
  rematched: boolean;
  summary: Record<Severity, number>;
  /** Number of packages in the SBOM. */
  packages: number;
  warnings: string[];
  findings: Finding[];
}
