import type { Finding, FindingSeverity } from '../report/index.js';

/**
 * One secret found in a file. The value itself is never kept: only `masked` (first four characters and
 * `*****`) and `fingerprint` (SHA-256), so findings can be printed, logged and stored safely.
 */
export interface SecretFinding {
  /** The rule's stable id, e.g. `github-pat`. */
  ruleId: string;
  title: string;
  severity: FindingSeverity;
  file: string;
  /** 1-based line and column (UTF-16 code units) where the secret starts. */
  line: number;
  column: number;
  masked: string;
  /** `sha256:<hex>` of the secret: the same credential has the same fingerprint in every file and scan. */
  fingerprint: string;
  /** The image layer (diff_id) the file came from, when scanned from an image. */
  layer?: string;
  fix?: string;
}

/**
 * Maps secret findings to the report's common format (kind `secret`).
 *
 * @example
 * const report = toFindings(findSecrets(text, '.env'));
 */
export function toFindings(findings: readonly SecretFinding[]): Finding[] {
  return findings.map((finding) => ({
    kind: 'secret',
    id: finding.ruleId,
    severity: finding.severity,
    title: finding.title,
    message: `${finding.title} (${finding.masked}) in ${finding.file}:${finding.line}:${finding.column}${finding.layer === undefined ? '' : ` from layer ${finding.layer}`}`,
    location: { file: finding.file, line: finding.line, column: finding.column },
    resource: finding.fingerprint,
    ...(finding.fix === undefined ? {} : { fix: finding.fix }),
  }));
}
