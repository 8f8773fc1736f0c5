import type { JSX } from 'preact';
import { DataTable, StatusBadge } from '../../components';
import { setQuery, useQuery } from '../../router';
import { filterOthers, filterVulns, kindLabel, locationText } from './findings';
import { severities, type Finding } from './types';

const osvLink = (id: string): JSX.Element => (
  <a
    href={`https://osv.dev/vulnerability/${encodeURIComponent(id)}`}
    target="_blank"
    rel="noopener noreferrer"
  >
    {id}
  </a>
);

/** A rule's reference: a link when it is a URL (Hadolint wiki, osv.dev), else text (`CIS 5.5`). */
const reference = (f: Finding): JSX.Element | string =>
  f.reference?.startsWith('https://') ? (
    <a href={f.reference} target="_blank" rel="noopener noreferrer">
      {f.id}
    </a>
  ) : (
    f.id
  );

/**
 * The findings of a report, filtered by the URL (`sev`, `fix`, `q`): vulnerabilities with package,
 * installed and fixed version and the advisory linked to osv.dev; then image configuration, secret,
 * Dockerfile and misconfiguration findings. Both tables page (`vpage`, `opage`).
 */
export function FindingsTables({ findings }: { findings: readonly Finding[] }): JSX.Element | null {
  const query = useQuery();
  const severity = severities.find((s) => s === query.get('sev'));
  const fixable = query.get('fix') === '1';
  const text = query.get('q') ?? '';
  const filter = { ...(severity ? { severity } : {}), fixable, text };
  const vulns = filterVulns(findings, filter);
  const others = filterOthers(findings, filter);
  const anyVulns = findings.some((f) => f.kind === 'vulnerability');
  const anyOthers = findings.some((f) => f.kind !== 'vulnerability');
  if (findings.length === 0) return null;
  const resetPages = { vpage: null, opage: null };
  return (
    <div class="findings">
      <form
        class="findings-filters"
        role="search"
        aria-label="Filter findings"
        onSubmit={(e) => e.preventDefault()}
      >
        <div class="field">
          <label for="findings-q">Search</label>
          <input
            id="findings-q"
            type="search"
            value={text}
            placeholder="package, advisory, rule, text…"
            onInput={(e) => setQuery({ q: e.currentTarget.value, ...resetPages })}
          />
        </div>
        <div class="field">
          <label for="findings-sev">Severity</label>
          <select
            id="findings-sev"
            value={severity ?? ''}
            onChange={(e) => setQuery({ sev: e.currentTarget.value, ...resetPages })}
          >
            <option value="">all</option>
            {severities.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={fixable}
            onChange={(e) => setQuery({ fix: e.currentTarget.checked ? 1 : null, ...resetPages })}
          />
          Fix available
        </label>
      </form>
      {anyVulns ? (
        <section aria-labelledby="vulns-title">
          <h3 id="vulns-title">
            Vulnerabilities <span class="muted">({vulns.length})</span>
          </h3>
          <DataTable
            caption="Vulnerabilities"
            rows={vulns}
            rowKey={(r) => `${r.finding.id} ${r.finding.resource ?? ''}`}
            pageParam="vpage"
            empty="No vulnerability matches the filter."
            columns={[
              {
                key: 'severity',
                header: 'Severity',
                render: (r) => <StatusBadge status={r.finding.severity} />,
              },
              {
                key: 'package',
                header: 'Package',
                render: (r) => <span title={r.finding.resource}>{r.package}</span>,
              },
              { key: 'installed', header: 'Installed', mono: true },
              {
                key: 'fixed',
                header: 'Fixed in',
                mono: true,
                render: (r) => r.fixed ?? <span class="muted">no fix yet</span>,
              },
              { key: 'id', header: 'Advisory', render: (r) => osvLink(r.finding.id) },
              {
                key: 'title',
                header: 'Summary',
                hideOnNarrow: true,
                render: (r) => (
                  <span class="clip-wide" title={r.finding.message}>
                    {r.finding.title}
                    {r.finding.cvss ? <span class="muted"> · CVSS {r.finding.cvss.score}</span> : null}
                  </span>
                ),
              },
            ]}
          />
        </section>
      ) : null}
      {anyOthers ? (
        <section aria-labelledby="others-title">
          <h3 id="others-title">
            Configuration, Dockerfile and secrets <span class="muted">({others.length})</span>
          </h3>
          <DataTable
            caption="Configuration, Dockerfile and secret findings"
            rows={others}
            rowKey={(f) => `${f.id} ${locationText(f)} ${f.resource ?? ''} ${f.message}`}
            pageParam="opage"
            empty="No configuration finding matches the filter."
            columns={[
              { key: 'severity', header: 'Severity', render: (f) => <StatusBadge status={f.severity} /> },
              { key: 'kind', header: 'Kind', hideOnNarrow: true, render: (f) => kindLabel(f.kind) },
              { key: 'id', header: 'Rule', render: reference },
              {
                key: 'title',
                header: 'Finding',
                render: (f) => (
                  <>
                    <span title={f.message}>{f.title}</span>
                    {f.fix ? <span class="finding-fix muted">Fix: {f.fix}</span> : null}
                  </>
                ),
              },
              { key: 'location', header: 'Where', mono: true, hideOnNarrow: true, render: locationText },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
