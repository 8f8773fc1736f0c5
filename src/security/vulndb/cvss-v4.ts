import { highestVectors, levelDepths, macroVectorScores } from './cvss-v4-data.js';

/**
 * CVSS v4.0 scoring (FIRST, CVSS v4.0 Specification Document §8.2, "CVSS v4.0 Scoring"): the vector's
 * MacroVector (its six equivalence-set levels) gives a score from FIRST's table; the vector is then placed
 * within its MacroVector by its severity distance from the MacroVector's highest-severity vectors, and the
 * score lowered by that share of the gap to each next-lower MacroVector. Threat and environmental metrics in
 * the vector are applied as the specification defines (E:X counts as E:A, CR/IR/AR:X as H, M* metrics
 * replace base ones), so a vector with only base metrics gives CVSS-B and one with more CVSS-BT/BE/BTE.
 * Supplemental metrics never change the score.
 */

/** Allowed values per metric (specification §7, "Vector String"; U takes words). */
const allowed: Readonly<Record<string, readonly string[]>> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
  E: ['X', 'A', 'P', 'U'],
  CR: ['X', 'H', 'M', 'L'],
  IR: ['X', 'H', 'M', 'L'],
  AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MAT: ['X', 'N', 'P'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', 'H', 'L', 'N'],
  MVI: ['X', 'H', 'L', 'N'],
  MVA: ['X', 'H', 'L', 'N'],
  MSC: ['X', 'H', 'L', 'N'],
  MSI: ['X', 'S', 'H', 'L', 'N'],
  MSA: ['X', 'S', 'H', 'L', 'N'],
  S: ['X', 'N', 'P'],
  AU: ['X', 'N', 'Y'],
  R: ['X', 'A', 'U', 'I'],
  V: ['X', 'D', 'C'],
  RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
};

const baseMetrics = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'] as const;

/**
 * Severity levels of the metrics that enter the severity distance, in steps of 0.1 (the reference
 * calculator's `*_levels`); lower is more severe. SI and SA reach 0 only through MSI/MSA:S (safety).
 */
const levels: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0, A: 1, L: 2, P: 3 },
  PR: { N: 0, L: 1, H: 2 },
  UI: { N: 0, P: 1, A: 2 },
  AC: { L: 0, H: 1 },
  AT: { N: 0, P: 1 },
  VC: { H: 0, L: 1, N: 2 },
  VI: { H: 0, L: 1, N: 2 },
  VA: { H: 0, L: 1, N: 2 },
  SC: { H: 1, L: 2, N: 3 },
  SI: { S: 0, H: 1, L: 2, N: 3 },
  SA: { S: 0, H: 1, L: 2, N: 3 },
  CR: { H: 0, M: 1, L: 2 },
  IR: { H: 0, M: 1, L: 2 },
  AR: { H: 0, M: 1, L: 2 },
};

type Metrics = ReadonlyMap<string, string>;

/** Parses `CVSS:4.0/AV:N/…`: every base metric once, known metrics only, allowed values only. */
function parseV4(vector: string): Metrics | undefined {
  const [prefix, ...parts] = vector.split('/');
  if (prefix !== 'CVSS:4.0') return undefined;
  const metrics = new Map<string, string>();
  for (const part of parts) {
    const [key = '', value = '', extra] = part.split(':');
    if (extra !== undefined || metrics.has(key) || !(allowed[key] ?? []).includes(value)) return undefined;
    metrics.set(key, value);
  }
  return baseMetrics.every((metric) => metrics.has(metric)) ? metrics : undefined;
}

/** The value that counts for scoring (the reference calculator's `m()`): defaults and modified metrics. */
function effective(metrics: Metrics, metric: string): string {
  const value = metrics.get(metric) ?? 'X';
  if (metric === 'E' && value === 'X') return 'A';
  if ((metric === 'CR' || metric === 'IR' || metric === 'AR') && value === 'X') return 'H';
  const modified = metrics.get(`M${metric}`);
  return modified !== undefined && modified !== 'X' ? modified : value;
}

/** The six equivalence-set levels of the vector, its MacroVector (specification §8.2). */
function macroVector(get: (metric: string) => string): { eq: number[]; key: string } {
  const is = (metric: string, value: string): boolean => get(metric) === value;
  const eq1 =
    is('AV', 'N') && is('PR', 'N') && is('UI', 'N')
      ? 0
      : (is('AV', 'N') || is('PR', 'N') || is('UI', 'N')) && !is('AV', 'P')
        ? 1
        : 2;
  const eq2 = is('AC', 'L') && is('AT', 'N') ? 0 : 1;
  const eq3 = is('VC', 'H') && is('VI', 'H') ? 0 : is('VC', 'H') || is('VI', 'H') || is('VA', 'H') ? 1 : 2;
  const eq4 = is('MSI', 'S') || is('MSA', 'S') ? 0 : is('SC', 'H') || is('SI', 'H') || is('SA', 'H') ? 1 : 2;
  const eq5 = is('E', 'A') ? 0 : is('E', 'P') ? 1 : 2;
  const eq6 =
    (is('CR', 'H') && is('VC', 'H')) || (is('IR', 'H') && is('VI', 'H')) || (is('AR', 'H') && is('VA', 'H'))
      ? 0
      : 1;
  const eq = [eq1, eq2, eq3, eq4, eq5, eq6];
  return { eq, key: eq.join('') };
}

const scoreOf = (eq: readonly number[]): number | undefined => macroVectorScores.get(eq.join(''));

/** The score of the next-lower MacroVector along EQ3+EQ6, which move together (the higher of two paths from 00). */
function lowerEq3Eq6(eq: readonly number[]): number | undefined {
  const [e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0] = eq;
  const at = (three: number, six: number): number | undefined => scoreOf([e1, e2, three, e4, e5, six]);
  if (e3 === 0 && e6 === 0) {
    const left = at(0, 1);
    const right = at(1, 0);
    return left !== undefined && right !== undefined ? Math.max(left, right) : (right ?? left);
  }
  if (e6 === 0) return at(e3, 1); // 10 → 11
  return at(e3 + 1, e6); // 01 → 11, 11 → 21, 21 → none
}

function parseParts(vector: string): [string, string][] {
  return vector.split('/').map((part) => part.split(':') as [string, string]);
}

/**
 * The CVSS v4.0 score of a vector, rounded to one decimal, or undefined when the vector is malformed.
 *
 * @example
 * cvssV4Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'); // 9.3
 */
export function cvssV4Score(vector: string): number | undefined {
  const metrics = parseV4(vector);
  if (metrics === undefined) return undefined;
  const get = (metric: string): string =>
    metric === 'MSI' || metric === 'MSA' ? (metrics.get(metric) ?? 'X') : effective(metrics, metric);
  // No impact on any system: 0, whatever else (the reference calculator's shortcut).
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((metric) => get(metric) === 'N')) return 0;
  const { eq, key } = macroVector(get);
  const value = macroVectorScores.get(key);
  if (value === undefined) return undefined;
  const [e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0] = eq;
  const eq36 = `${e3}${e6}`;

  // The highest-severity vector of the MacroVector that the vector does not exceed on any metric.
  const candidates: string[] = [];
  for (const a of highestVectors.eq1[e1] ?? [])
    for (const b of highestVectors.eq2[e2] ?? [])
      for (const c of highestVectors.eq3eq6[eq36] ?? [])
        for (const d of highestVectors.eq4[e4] ?? [])
          for (const e of highestVectors.eq5[e5] ?? []) candidates.push(`${a}/${b}/${c}/${d}/${e}`);
  let distance: Record<string, number> = {};
  for (const candidate of candidates) {
    distance = {};
    for (const [metric, top] of parseParts(candidate)) {
      const scale = levels[metric];
      if (scale !== undefined) distance[metric] = (scale[get(metric)] ?? 0) - (scale[top] ?? 0);
    }
    if (Object.values(distance).every((d) => d >= 0)) break;
  }
  const sum = (...names: string[]): number => names.reduce((total, name) => total + (distance[name] ?? 0), 0);

  // Each EQ with a lower MacroVector moves the score down by its share of the gap to it (EQ5 by none).
  const steps: [lower: number | undefined, distance: number, depth: number][] = [
    [scoreOf([e1 + 1, e2, e3, e4, e5, e6]), sum('AV', 'PR', 'UI'), levelDepths.eq1[e1] ?? 1],
    [scoreOf([e1, e2 + 1, e3, e4, e5, e6]), sum('AC', 'AT'), levelDepths.eq2[e2] ?? 1],
    [lowerEq3Eq6(eq), sum('VC', 'VI', 'VA', 'CR', 'IR', 'AR'), levelDepths.eq3eq6[eq36] ?? 1],
    [scoreOf([e1, e2, e3, e4 + 1, e5, e6]), sum('SC', 'SI', 'SA'), levelDepths.eq4[e4] ?? 1],
    [scoreOf([e1, e2, e3, e4, e5 + 1, e6]), 0, 1],
  ];
  let shifted = 0;
  let counted = 0;
  for (const [lower, stepDistance, depth] of steps) {
    if (lower === undefined) continue;
    counted += 1;
    shifted += (value - lower) * (stepDistance / depth);
  }
  const score = Math.min(10, Math.max(0, value - (counted === 0 ? 0 : shifted / counted)));
  // Round half up; the epsilon keeps x.x5 ties that floating point lands just below on the right side,
  // as FIRST's calculator does.
  return Math.round((score + 1e-6) * 10) / 10;
}
