import type { JSX } from 'preact';
import { DataTable, StatusBadge } from '../../components';
import type { ReportFinding, ReportSummary, StepRecord } from './types';

interface Row extends ReportFinding {
  key: string;
  step: string;
  kind: ReportSummary['kind'];
}

const kindLabel = { junit: 'JUnit tests', sarif: 'SARIF findings' } as const;

/** `src/app.test.ts:12`, or the file alone, or `–`. */
const where = (f: ReportFinding): string => (f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '–');

/**
 * The JUnit and SARIF summaries the run's steps stored (docs/pipeline.md#reports): counts per report
 * and every kept failure with its file and line, paginated.
 */
export function RunReports({ steps }: { steps: readonly StepRecord[] }): JSX.Element | null {
  const reports = steps.flatMap((step) =>
    (step.reports ?? []).map((report, i) => ({ step: step.name, variant: step.variant, report, i })),
  );
  if (reports.length === 0) return null;
  const rows: Row[] = reports.flatMap(({ step, variant, report, i }) =>
    report.findings.map((f, j) => ({
      ...f,
      key: `${variant}/${step}/${i}/${j}`,
      step: variant ? `${step} (${variant})` : step,
      kind: report.kind,
    })),
  );
  return (
    <section class="card" aria-labelledby="reports-title">
      <h2 id="reports-title">Reports</h2>
      <ul class="report-list">
        {reports.map(({ step, variant, report, i }) => (
          <li key={`${variant}/${step}/${i}`} class="report-summary">
            <strong>{kindLabel[report.kind]}</strong>{' '}
            <span class="muted">
              from {step}
              {variant ? ` (${variant})` : ''}
            </span>
            <ul class="chips" aria-label="Counts">
              <li class="chip chip-ok">{report.passed} passed</li>
              <li class={report.failed > 0 ? 'chip chip-bad' : 'chip'}>{report.failed} failed</li>
              <li class="chip">{report.skipped} skipped</li>
              <li class="chip">{report.total} total</li>
              {/* JUnit's levels repeat `failed`; SARIF's (error, warning, note) say more. */}
              {(report.kind === 'sarif' ? Object.entries(report.bySeverity) : []).map(([severity, n]) => (
                <li key={severity} class="chip chip-warn">
                  {n} {severity}
                </li>
              ))}
            </ul>
            {report.omittedFindings > 0 ? (
              <p class="help">{report.omittedFindings} more failures were not kept (the counts are exact).</p>
            ) : null}
          </li>
        ))}
      </ul>
      {rows.length > 0 ? (
        <DataTable
          caption="Report failures"
          showCaption
          rows={rows}
          rowKey={(r) => r.key}
          pageSize={10}
          pageParam="failures"
          columns={[
            {
              key: 'severity',
              header: 'Level',
              render: (r) => <StatusBadge status={r.severity ?? 'failure'} />,
            },
            { key: 'where', header: 'Where', mono: true, render: where },
            {
              key: 'message',
              header: 'Message',
              render: (r) => (
                <>
                  {r.test ? <span class="muted">{r.test}: </span> : null}
                  {r.message}
                </>
              ),
            },
            { key: 'rule', header: 'Rule', mono: true, hideOnNarrow: true },
            { key: 'step', header: 'Step', hideOnNarrow: true },
          ]}
        />
      ) : null}
    </section>
  );
}
