import {
  mergeReports,
  reportFails,
  type ParseResult,
  type ReportSpec,
  type ReportSummary,
} from '../spec/index.js';

/** What a `reports` entry gave: a merged summary and whether it fails the step. */
export interface ReportVerdict {
  readonly spec: ReportSpec;
  /** Absent when no file could be read. */
  readonly summary?: ReportSummary;
  readonly files: readonly string[];
  /** Missing or unreadable files, in words, for the step log. */
  readonly problems: readonly string[];
  readonly fails: boolean;
  /** Why it fails, in words. */
  readonly reason?: string;
}

/**
 * Judges one `reports` entry from its parsed files (docs/pipeline.md, "reports"). A gate (`fail_on`
 * other than `none`) also fails when no file matched or a file could not be parsed: otherwise a test
 * command that crashes before writing its report would pass the gate. Pure.
 *
 * @example
 * judgeReport({ format: 'junit', path: 'junit.xml', failOn: 'failure' }, []).reason;
 * // 'no file matches "junit.xml"'
 */
export function judgeReport(
  spec: ReportSpec,
  parsed: readonly { readonly path: string; readonly result: ParseResult<ReportSummary> }[],
): ReportVerdict {
  const problems: string[] = [];
  const summaries: ReportSummary[] = [];
  for (const { path, result } of parsed) {
    if (result.ok) summaries.push(result.value);
    else problems.push(`${spec.format} report ${JSON.stringify(path)} was not read: ${result.reason}`);
  }
  if (parsed.length === 0) problems.push(`no file matches ${JSON.stringify(spec.path)}`);
  const summary = summaries.length === 0 ? undefined : mergeReports(spec.format, summaries);
  const gate = spec.failOn !== 'none';
  const files = parsed.map((p) => p.path);
  const base = { spec, files, problems, ...(summary === undefined ? {} : { summary }) };
  if (gate && problems.length > 0) return { ...base, fails: true, reason: problems.join('; ') };
  if (summary !== undefined && reportFails(summary, spec.failOn)) {
    return { ...base, fails: true, reason: describeFailure(summary, spec) };
  }
  return { ...base, fails: false };
}

function describeFailure(summary: ReportSummary, spec: ReportSpec): string {
  if (summary.kind === 'junit') {
    return `${summary.failed} of ${summary.total} tests failed in ${JSON.stringify(spec.path)} (fail_on: ${spec.failOn})`;
  }
  const levels = Object.entries(summary.bySeverity)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([level, count]) => `${count} ${level}`)
    .join(', ');
  return `${JSON.stringify(spec.path)} has results at level ${spec.failOn} or worse (${levels}; fail_on: ${spec.failOn})`;
}
