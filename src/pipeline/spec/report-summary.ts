import type { ReportFailOn, ReportFormat } from './pipeline-spec.js';

/** JUnit gives `failure` (assertion) or `error` (crash); SARIF gives its levels. */
export type ReportSeverity = 'failure' | 'error' | 'warning' | 'note' | 'none';

/** One failed test or one analysis result, shown with its file and line. */
export interface ReportFinding {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  /** SARIF rule id, or the JUnit failure type (e.g. `AssertionError`). */
  readonly rule?: string;
  readonly severity?: ReportSeverity;
  /** JUnit only: the test (`classname > name`, or `name` when classname is the file). */
  readonly test?: string;
}

/** What the run stores and shows for a test or analysis report; counts are exact even when findings are cut. */
export interface ReportSummary {
  readonly kind: ReportFormat;
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Number of failed tests or results per severity. */
  readonly bySeverity: Readonly<Partial<Record<ReportSeverity, number>>>;
  readonly findings: readonly ReportFinding[];
  /** Findings left out of `findings` to bound the stored size. */
  readonly omittedFindings: number;
}

export interface ReportOptions {
  /** Bigger files are refused; default 64 MiB. */
  maxBytes?: number;
  /** At most this many findings are kept; default 1000. */
  maxFindings?: number;
}

export const defaultMaxFindings = 1000;

const levelRank: Readonly<Record<ReportSeverity, number>> = {
  none: 0,
  note: 1,
  warning: 2,
  error: 3,
  failure: 3,
};

/**
 * Whether a report gates the run: `failure` fails on any failed or errored test, a SARIF level fails
 * on any result at that level or a worse one, `none` never fails.
 *
 * @example
 * reportFails(sarifSummary, 'warning'); // true when some result is a warning or an error
 */
export function reportFails(summary: ReportSummary, failOn: ReportFailOn): boolean {
  if (failOn === 'none') return false;
  if (failOn === 'failure') return summary.failed > 0;
  const threshold = levelRank[failOn];
  return Object.entries(summary.bySeverity).some(
    ([severity, count]) => (count ?? 0) > 0 && levelRank[severity as ReportSeverity] >= threshold,
  );
}

/**
 * One summary for several files of the same format (a glob matched many), keeping the first
 * `maxFindings` findings.
 */
export function mergeReports(
  kind: ReportFormat,
  summaries: readonly ReportSummary[],
  maxFindings = defaultMaxFindings,
): ReportSummary {
  const findings = summaries.flatMap((s) => s.findings);
  const bySeverity: Partial<Record<ReportSeverity, number>> = {};
  for (const s of summaries) {
    for (const [severity, count] of Object.entries(s.bySeverity)) {
      bySeverity[severity as ReportSeverity] = (bySeverity[severity as ReportSeverity] ?? 0) + (count ?? 0);
    }
  }
  const sum = (key: 'total' | 'passed' | 'failed' | 'skipped' | 'omittedFindings'): number =>
    summaries.reduce((n, s) => n + s[key], 0);
  return {
    kind,
    total: sum('total'),
    passed: sum('passed'),
    failed: sum('failed'),
    skipped: sum('skipped'),
    bySeverity,
    findings: findings.slice(0, maxFindings),
    omittedFindings: sum('omittedFindings') + Math.max(0, findings.length - maxFindings),
  };
}

/** Builds summaries while counting, keeping at most `maxFindings` findings. */
export class SummaryBuilder {
  private readonly findings: ReportFinding[] = [];
  private readonly bySeverity: Partial<Record<ReportSeverity, number>> = {};
  private omitted = 0;
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  constructor(
    private readonly kind: ReportFormat,
    private readonly maxFindings: number,
  ) {}

  pass(): void {
    this.passed++;
  }

  skip(): void {
    this.skipped++;
  }

  fail(finding: ReportFinding): void {
    this.failed++;
    const severity = finding.severity ?? 'none';
    this.bySeverity[severity] = (this.bySeverity[severity] ?? 0) + 1;
    if (this.findings.length < this.maxFindings) this.findings.push(finding);
    else this.omitted++;
  }

  build(): ReportSummary {
    return {
      kind: this.kind,
      total: this.passed + this.failed + this.skipped,
      passed: this.passed,
      failed: this.failed,
      skipped: this.skipped,
      bySeverity: this.bySeverity,
      findings: this.findings,
      omittedFindings: this.omitted,
    };
  }
}
