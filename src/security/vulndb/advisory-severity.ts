import { cvssBaseScore, cvssRating, cvssVersionOf, type CvssRating, type CvssVersion } from './cvss.js';
import type { Severity } from './record-rows.js';

/** A CVSS vector with its score, as a report shows it. */
export interface CvssScore {
  readonly version: CvssVersion;
  readonly vector: string;
  readonly score: number;
  readonly rating: CvssRating;
}

const versionRank: Readonly<Record<CvssVersion, number>> = { '4.0': 4, '3.1': 3, '3.0': 2, '2.0': 1 };

/**
 * The CVSS score of a `severity[]` list (OSV schema "severity": types CVSS_V2, CVSS_V3, CVSS_V4): the
 * newest CVSS version given, then the highest score. Scores stored at import are used; vectors stored
 * without one (databases imported before CVSS v4 was scored) are scored here.
 *
 * @example
 * preferredCvss([{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }]);
 * // { version: '3.1', vector: 'CVSS:3.1/…', score: 9.8, rating: 'CRITICAL' }
 */
export function preferredCvss(severity: readonly Severity[]): CvssScore | undefined {
  let best: CvssScore | undefined;
  for (const entry of severity) {
    if (!entry.type.startsWith('CVSS_V')) continue;
    const version = cvssVersionOf(entry.score);
    const score = entry.baseScore ?? cvssBaseScore(entry.score);
    if (version === undefined || score === undefined) continue;
    const candidate = { version, vector: entry.score, score, rating: cvssRating(score) };
    if (
      best === undefined ||
      versionRank[version] > versionRank[best.version] ||
      (versionRank[version] === versionRank[best.version] && score > best.score)
    )
      best = candidate;
  }
  return best;
}

/** The report's severity scale (docs/scan.md "Severities"). */
export type AdvisorySeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Words sources use for severity: GHSA's, Ubuntu's priorities, Red Hat's and Debian's urgencies. */
function fromWord(word: string): AdvisorySeverity | undefined {
  const w = word.toLowerCase();
  if (w.includes('critical')) return 'critical';
  if (w.includes('high') || w.includes('important')) return 'high';
  if (w.includes('medium') || w.includes('moderate')) return 'medium';
  if (w.includes('low') || w.includes('negligible') || w.includes('unimportant')) return 'low';
  return undefined;
}

const fromRating: Readonly<Record<CvssRating, AdvisorySeverity>> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  NONE: 'info',
};

/**
 * An advisory's severity on the report's scale. The source's own judgement comes first: its
 * `database_specific.severity` (GHSA's reviewed level), then a severity word of its own (Ubuntu's
 * priority). Without one, the CVSS score decides ({@link preferredCvss}, rated by the specification's
 * §5 scale). Unknown severity is `medium`: neither hidden nor inflated.
 *
 * @example
 * advisorySeverity([{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }], undefined);
 * // 'critical' (9.3)
 */
export function advisorySeverity(
  severity: readonly Severity[],
  databaseSeverity: string | undefined,
): AdvisorySeverity {
  const stated = databaseSeverity === undefined ? undefined : fromWord(databaseSeverity);
  if (stated !== undefined) return stated;
  for (const entry of severity) {
    if (entry.type.startsWith('CVSS_V')) continue;
    const word = fromWord(entry.score);
    if (word !== undefined) return word;
  }
  const cvss = preferredCvss(severity);
  return cvss === undefined ? 'medium' : fromRating[cvss.rating];
}
