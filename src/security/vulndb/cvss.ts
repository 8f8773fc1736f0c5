import { cvssV4Score } from './cvss-v4.js';

/**
 * CVSS scores for the vector strings OSV stores in `severity[].score` (types CVSS_V2, CVSS_V3, CVSS_V4).
 * v3.0/v3.1 follow the FIRST specification §7 (https://www.first.org/cvss/v3.1/specification-document), v2
 * the v2 guide §3.2.1, v4.0 the v4.0 specification §8.2 (cvss-v4.ts).
 */

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

/** The CVSS version a vector string is written in (v2 vectors have no prefix), or undefined. */
export function cvssVersionOf(vector: string): CvssVersion | undefined {
  const prefix = /^CVSS:(3\.0|3\.1|4\.0)\//.exec(vector);
  if (prefix !== null) return prefix[1] as CvssVersion;
  return /^AV:[LAN]\//.test(vector) ? '2.0' : undefined;
}

/** The qualitative rating of a CVSS v3/v4 score (specification §5). */
export type CvssRating = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/**
 * The score of a CVSS v2, v3.x or v4.0 vector, or undefined when the vector is malformed. v2 and v3 give the
 * base score (temporal and environmental metrics are not applied); v4.0 applies the threat and environmental
 * metrics the vector carries (CVSS-B for a vector of base metrics only).
 *
 * @example
 * cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'); // 9.8
 * cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'); // 9.3
 */
export function cvssBaseScore(vector: string): number | undefined {
  if (vector.startsWith('CVSS:4.0/')) return cvssV4Score(vector);
  const metrics = parseVector(vector);
  if (metrics === undefined) return undefined;
  if (/^CVSS:3\.[01]\//.test(vector)) return v3Score(metrics, vector.startsWith('CVSS:3.0/'));
  if (!vector.startsWith('CVSS:')) return v2Score(metrics);
  return undefined;
}

/** The qualitative rating of a score (v3 and v4 specification §5 "Qualitative Severity Rating Scale"). */
export function cvssRating(score: number): CvssRating {
  if (score === 0) return 'NONE';
  if (score < 4) return 'LOW';
  if (score < 7) return 'MEDIUM';
  if (score < 9) return 'HIGH';
  return 'CRITICAL';
}

function parseVector(vector: string): Map<string, string> | undefined {
  const metrics = new Map<string, string>();
  for (const part of vector.split('/')) {
    const [key, value, extra] = part.split(':');
    if (key === undefined || value === undefined || extra !== undefined) return undefined;
    metrics.set(key, value);
  }
  return metrics;
}

const cia3 = { H: 0.56, L: 0.22, N: 0 };
const v3Tables = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: cia3,
  I: cia3,
  A: cia3,
};

function v3Score(metrics: Map<string, string>, isV30: boolean): number | undefined {
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return undefined;
  const PR = scope === 'C' ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 };
  const w = weigh(metrics, { ...v3Tables, PR });
  if (w === undefined) return undefined;
  const iss = 1 - (1 - w.C) * (1 - w.I) * (1 - w.A);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * w.AV * w.AC * w.PR * w.UI;
  if (impact <= 0) return 0;
  const raw = scope === 'U' ? impact + exploitability : 1.08 * (impact + exploitability);
  return isV30 ? Math.ceil(Math.min(raw, 10) * 10) / 10 : roundUp31(Math.min(raw, 10));
}

/** CVSS v3.1 Appendix A: round up to one decimal without floating-point surprises. */
function roundUp31(x: number): number {
  const scaled = Math.round(x * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

const cia2 = { N: 0, P: 0.275, C: 0.66 };
const v2Tables = {
  AV: { L: 0.395, A: 0.646, N: 1 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  C: cia2,
  I: cia2,
  A: cia2,
};

function v2Score(metrics: Map<string, string>): number | undefined {
  const w = weigh(metrics, v2Tables);
  if (w === undefined) return undefined;
  const impact = 10.41 * (1 - (1 - w.C) * (1 - w.I) * (1 - w.A));
  const exploitability = 20 * w.AV * w.AC * w.Au;
  const f = impact === 0 ? 0 : 1.176;
  return Math.round((0.6 * impact + 0.4 * exploitability - 1.5) * f * 10) / 10;
}

/** The weight of every metric in `tables`, or undefined when one is missing or has an unknown value. */
function weigh<K extends string>(
  metrics: Map<string, string>,
  tables: Record<K, Record<string, number>>,
): Record<K, number> | undefined {
  const out: Partial<Record<K, number>> = {};
  for (const key of Object.keys(tables) as K[]) {
    const value = metrics.get(key);
    const table = tables[key];
    if (value === undefined || !Object.hasOwn(table, value)) return undefined;
    out[key] = table[value];
  }
  return out as Record<K, number>;
}
