import { severityOrder, type ScanReport } from './scan-report.js';

/** The terminal view: findings grouped by severity, then a one-line summary. */
export function renderTable(report: ScanReport): string {
  const lines: string[] = [`${report.target.kind} ${report.target.name}`];
  if (report.sbom) {
    const distro = report.sbom.distro
      ? `${report.sbom.distro.id} ${report.sbom.distro.versionId ?? ''}`.trim()
      : 'no distro';
    lines.push(`${report.sbom.packages.length} packages (${distro})`);
  }
  for (const warning of report.warnings ?? []) lines.push(`warning: ${warning}`);
  for (const severity of severityOrder) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${severity.toUpperCase()} (${group.length})`);
    for (const f of group) {
      const where = f.location
        ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}${f.location.column ? `:${f.location.column}` : ''}`
        : '';
      lines.push(`  ${f.id.padEnd(9)} ${where}${f.resource ? ` [${f.resource}]` : ''}`);
      lines.push(`            ${f.message}`);
      if (f.cvss)
        lines.push(`            CVSS ${f.cvss.version} ${f.cvss.score.toFixed(1)}: ${f.cvss.vector}`);
      if (f.fix) lines.push(`            fix: ${f.fix}`);
    }
  }
  const s = report.summary;
  lines.push(
    '',
    `${report.findings.length} findings: ${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low, ${s.info} info; ${report.suppressed} suppressed`,
  );
  return lines.join('\n');
}
