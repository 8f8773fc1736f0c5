import type { Finding } from '../report/index.js';
import { matchesGlob } from './glob-match.js';
import type { IgnoreEntry } from './ignore-entry.js';
import { parsePurl, purlMatches } from './purl-match.js';
import { suppressingStatuses, type VexDocument, type VexStatement } from './vex-document.js';

export interface SuppressionSources {
  readonly ignore?: readonly IgnoreEntry[];
  readonly vex?: readonly VexDocument[];
  /**
   * Other ids of a finding's advisory (OSV `aliases`), by finding id, so a VEX statement about
   * `CVE-2024-1234` also covers a finding reported as `GHSA-...` or `DEBIAN-CVE-2024-1234`.
   */
  readonly aliases?: ReadonlyMap<string, readonly string[]>;
  /**
   * The purl of the scanned artifact (e.g. `pkg:oci/nginx@sha256:...`). When given, a VEX product with
   * subcomponents applies only if it names this artifact, and a product without subcomponents that names it
   * covers every package in it. When absent, subcomponents of any product apply.
   */
  readonly product?: string;
}

export interface Suppressed {
  readonly finding: Finding;
  /** Why, for the report: `.berthignore:4: <reason>` or `<vex file>: CVE-... not_affected (<justification>)`. */
  readonly by: string;
}

export interface SuppressionResult {
  readonly kept: Finding[];
  readonly suppressed: Suppressed[];
  /** Expired `.berthignore` entries, one line each, to show with the report. */
  readonly warnings: string[];
}

/**
 * Splits findings into those kept and those suppressed by `.berthignore` entries (checked first) or by
 * OpenVEX statements whose latest word on the finding is `not_affected` or `fixed`. Pure: `now` decides
 * which ignore entries have expired.
 *
 * @example
 * const { kept, suppressed, warnings } = applySuppressions(report.findings, { ignore, vex }, new Date());
 */
export function applySuppressions(
  findings: readonly Finding[],
  sources: SuppressionSources,
  now: Date,
): SuppressionResult {
  const active: IgnoreEntry[] = [];
  const warnings: string[] = [];
  for (const entry of sources.ignore ?? []) {
    if (entry.expiresAt.getTime() > now.getTime()) active.push(entry);
    else
      warnings.push(
        `${entry.source.file}:${entry.source.line}: ignore entry "${entry.id}" expired on ${entry.expires} and no longer suppresses anything; review it and set a new expiry date or remove it`,
      );
  }
  const kept: Finding[] = [];
  const suppressed: Suppressed[] = [];
  for (const finding of findings) {
    const by = ignoredBy(finding, active) ?? vexBy(finding, sources);
    if (by === undefined) kept.push(finding);
    else suppressed.push({ finding, by });
  }
  return { kept, suppressed, warnings };
}

function ignoredBy(finding: Finding, entries: readonly IgnoreEntry[]): string | undefined {
  const entry = entries.find((e) => ignoreMatches(e, finding));
  return entry && `${entry.source.file}:${entry.source.line}: ${entry.reason}`;
}

function ignoreMatches(entry: IgnoreEntry, finding: Finding): boolean {
  if (!matchesGlob(entry.id, finding.id, 'id')) return false;
  if (entry.paths !== undefined) {
    const file = finding.location?.file;
    if (file === undefined || !entry.paths.some((p) => matchesGlob(p, file, 'path'))) return false;
  }
  if (entry.package !== undefined) {
    if (finding.resource === undefined) return false;
    if (entry.package.startsWith('pkg:')) return purlMatches(entry.package, finding.resource);
    const purl = parsePurl(finding.resource);
    if (!purl) return false;
    const qualified = purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name;
    return matchesGlob(entry.package, purl.name, 'id') || matchesGlob(entry.package, qualified, 'id');
  }
  return true;
}

function vexBy(finding: Finding, sources: SuppressionSources): string | undefined {
  const resource = finding.resource;
  if (resource === undefined || !resource.startsWith('pkg:')) return undefined;
  const ids = new Set(
    [finding.id, ...(sources.aliases?.get(finding.id) ?? [])].map((id) => id.toUpperCase()),
  );
  // OPENVEX-SPEC.md: statements are a timeline; the most recent one about a vulnerability and product wins.
  let latest: { doc: VexDocument; statement: VexStatement } | undefined;
  for (const doc of sources.vex ?? []) {
    for (const statement of doc.statements) {
      if (!statement.vulnerabilityIds.some((id) => ids.has(id.toUpperCase()))) continue;
      if (!statementCovers(statement, resource, sources.product)) continue;
      if (latest === undefined || timeOf(statement) >= timeOf(latest.statement)) {
        latest = { doc, statement };
      }
    }
  }
  if (latest === undefined || !suppressingStatuses.has(latest.statement.status)) return undefined;
  const { doc, statement } = latest;
  const name = statement.vulnerabilityIds[0] ?? finding.id;
  return `${doc.source}: ${name} ${statement.status}${statement.justification ? ` (${statement.justification})` : ''}`;
}

function statementCovers(statement: VexStatement, resource: string, product: string | undefined): boolean {
  return statement.products.some((p) => {
    if (p.subcomponents.length === 0) {
      return purlMatches(p.purl, resource) || (product !== undefined && purlMatches(p.purl, product));
    }
    if (product !== undefined && !purlMatches(p.purl, product)) return false;
    return p.subcomponents.some((sub) => purlMatches(sub, resource));
  });
}

/** Statements without a timestamp count as oldest; on equal times the later statement wins. */
function timeOf(statement: VexStatement): number {
  const t = statement.timestamp === undefined ? NaN : Date.parse(statement.timestamp);
  return Number.isNaN(t) ? -Infinity : t;
}
