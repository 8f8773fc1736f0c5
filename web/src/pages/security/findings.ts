import type { Finding, Severity } from './types';

/** A vulnerability finding with its package, as the findings table shows it. */
export interface VulnRow {
  finding: Finding;
  package: string;
  installed: string;
  /** Null when no fixed version is known. */
  fixed: string | null;
  ecosystem: string;
}

/** Package types whose purl namespace is the distro (`pkg:deb/debian/openssl`): the name alone reads best. */
const distroTypes = new Set(['deb', 'apk', 'rpm', 'alpm']);

/**
 * The type, name and version of a package URL (github.com/package-url/purl-spec):
 * `pkg:npm/%40scope/left-pad@1.3.0` → `{ type: 'npm', name: '@scope/left-pad', version: '1.3.0' }`.
 */
export function parsePurl(purl: string): { type: string; name: string; version?: string } | undefined {
  const match = /^pkg:([^/]+)\/([^@?#]+)(?:@([^?#]+))?/.exec(purl);
  if (!match?.[1] || !match[2]) return undefined;
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const type = match[1].toLowerCase();
  const segments = match[2].split('/').filter(Boolean).map(decode);
  const name = distroTypes.has(type)
    ? (segments.at(-1) ?? '')
    : type === 'maven'
      ? segments.join(':')
      : segments.join('/');
  return { type, name, ...(match[3] ? { version: decode(match[3]) } : {}) };
}

/**
 * The fixed version of a vulnerability finding. Berth writes it into `fix` as "upgrade NAME to VERSION
 * or later" (src/security/artifact/scan-artifact.ts), or "no fixed version is known yet".
 */
export function fixedVersion(fix: string | undefined): string | null {
  return /^upgrade \S.* to (\S+) or later$/.exec(fix ?? '')?.[1] ?? null;
}

/** Package, installed and fixed version of a vulnerability (its purl; the message keeps the name's case). */
export function vulnRow(finding: Finding): VulnRow {
  const purl = parsePurl(finding.resource ?? '');
  const named = /^(\S+) (\S+) \(([^,)]+)/.exec(finding.message);
  const name =
    named?.[1] && purl && named[1].toLowerCase() === purl.name.toLowerCase() ? named[1] : purl?.name;
  return {
    finding,
    package: name ?? named?.[1] ?? finding.resource ?? '–',
    installed: purl?.version ?? named?.[2] ?? '–',
    fixed: fixedVersion(finding.fix),
    ecosystem: named?.[3] ?? purl?.type ?? '',
  };
}

export interface FindingFilter {
  /** Only this severity; undefined for all. */
  severity?: Severity;
  /** Only vulnerabilities with a fixed version. */
  fixable?: boolean;
  /** Case-insensitive text in id, title, message, package or location. */
  text?: string;
}

const haystack = (f: Finding, extra = ''): string =>
  [f.id, f.title, f.message, f.resource ?? '', f.location?.file ?? '', extra].join('\n').toLowerCase();

/** The vulnerability rows that pass `filter`, in the report's order (worst first). */
export function filterVulns(findings: readonly Finding[], filter: FindingFilter): VulnRow[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  return findings
    .filter((f) => f.kind === 'vulnerability')
    .map(vulnRow)
    .filter(
      (row) =>
        (filter.severity === undefined || row.finding.severity === filter.severity) &&
        (!filter.fixable || row.fixed !== null) &&
        (text === '' || haystack(row.finding, row.package).includes(text)),
    );
}

/** Image configuration, secret, Dockerfile and misconfiguration findings that pass `filter` (fix filter aside). */
export function filterOthers(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  return findings.filter(
    (f) =>
      f.kind !== 'vulnerability' &&
      (filter.severity === undefined || f.severity === filter.severity) &&
      (text === '' || haystack(f).includes(text)),
  );
}

/** `Dockerfile:12`, `usr/lib/x.so`, or `–`. */
export function locationText(f: Finding): string {
  if (!f.location) return '–';
  return `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}`;
}

const kindLabels: Readonly<Record<Finding['kind'], string>> = {
  vulnerability: 'vulnerability',
  'image-config': 'image configuration',
  secret: 'secret',
  dockerfile: 'Dockerfile',
  misconfig: 'misconfiguration',
};

export const kindLabel = (kind: Finding['kind']): string => kindLabels[kind] ?? kind;

/** A scan step's policy in words: `fails on high or worse, any secret; ignores 2 ids`. */
export function policyText(policy: {
  severity: string;
  secrets: boolean;
  dockerfile: 'all' | 'none' | readonly string[];
  ignore: readonly string[];
}): string {
  const fails = [
    policy.severity === 'none'
      ? undefined
      : `${policy.severity}${policy.severity === 'critical' ? '' : ' or worse'}`,
    policy.secrets ? 'any secret' : undefined,
    policy.dockerfile === 'all'
      ? 'any Dockerfile rule'
      : policy.dockerfile === 'none' || policy.dockerfile.length === 0
        ? undefined
        : `Dockerfile ${policy.dockerfile.join(', ')}`,
  ].filter((part): part is string => part !== undefined);
  const text = fails.length === 0 ? 'never fails' : `fails on ${fails.join(', ')}`;
  return policy.ignore.length === 0
    ? text
    : `${text}; ignores ${policy.ignore.length} id${policy.ignore.length === 1 ? '' : 's'}`;
}
