import { BerthError } from '../../errors/index.js';
import { countMatrix, unseenTemplates, vectorOf } from './count-matrix.js';
import type { CountMatrix, WeightedRow } from './count-matrix.js';
import type { Session } from './session-grouper.js';
import type { ModelScore, SessionModel } from './session-model.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** A linear relation Σ coefficient × count(template) = 0 that held in the fitted sessions. */
export interface Invariant {
  readonly terms: readonly { readonly templateId: string; readonly coefficient: number }[];
  /** Share of fitted sessions where it held exactly. */
  readonly support: number;
}

export interface InvariantOptions {
  /** A relation is an invariant if it holds in at least this share of sessions. Default 0.98 (Lou et al.). */
  readonly minSupport?: number;
  /** Most templates in one invariant. Default 3. */
  readonly maxTerms?: number;
  /** Largest integer coefficient tried. Default 10. */
  readonly maxCoefficient?: number;
  /** Multi-template invariants are searched among the this-many most frequent templates. Default 64. */
  readonly maxTemplates?: number;
}

type Resolved = Required<InvariantOptions>;

/**
 * Invariant mining after Lou et al., "Mining Invariants from Console Logs for System Problem Detection", USENIX ATC
 * 2010: find sparse integer relations between template counts that hold in (almost) every session, e.g. HDFS
 * `count(Receiving block) = 3 × count(allocateBlock)`; a session that breaks one is anomalous. Candidates come from
 * the smallest eigenvector of each small column subset's Gram matrix, scaled to integers and then checked
 * exactly; a template that is absent from ≥ minSupport of sessions yields the one-term invariant `count = 0`.
 * Supersets of a found invariant are skipped, as in the paper. Templates never seen while fitting count as
 * broken invariants too.
 *
 * Threshold: a session is anomalous when it breaks at least one invariant (the paper's rule); no labels involved.
 *
 * @example
 * const model = InvariantModel.fit(sessions);
 * model.score(session); // { score: 2, reasons: ['count(T1) = count(T4) broken (T1=3, T4=1)', …] }
 */
export class InvariantModel implements SessionModel {
  readonly method = 'invariants';
  readonly threshold = 0;
  readonly thresholdRule: string;
  readonly invariants: readonly Invariant[];
  readonly vocabulary: readonly string[];
  readonly #index: ReadonlyMap<string, number>;
  readonly #compiled: { ids: string[]; cols: number[]; coefs: number[]; text: string }[];

  private constructor(vocabulary: readonly string[], invariants: Invariant[], minSupport: number) {
    this.vocabulary = vocabulary;
    this.invariants = invariants;
    this.#index = new Map(vocabulary.map((id, i) => [id, i]));
    this.#compiled = invariants.map((inv) => ({
      ids: inv.terms.map((t) => t.templateId),
      cols: inv.terms.map((t) => this.#index.get(t.templateId) as number),
      coefs: inv.terms.map((t) => t.coefficient),
      text: describeInvariant(inv),
    }));
    this.thresholdRule = `breaks >= 1 of ${invariants.length} invariants mined at support >= ${minSupport} (Lou et al. 2010), or has a template unseen while fitting`;
  }

  /** Mine invariants from sessions (no labels). */
  static fit(sessions: readonly Session[], options: InvariantOptions = {}): InvariantModel {
    const o = resolve(options);
    const matrix = countMatrix(sessions);
    return new InvariantModel(matrix.vocabulary, mine(matrix, o), o.minSupport);
  }

  /** Score = number of broken invariants plus number of templates unseen while fitting. */
  score(session: Session): ModelScore {
    const x = vectorOf(session.counts, this.#index);
    const reasons: string[] = [];
    for (const inv of this.#compiled) {
      if (residual(inv.cols, inv.coefs, x) !== 0) {
        const seen = inv.cols.map((c, i) => `${inv.ids[i]}=${x[c]}`).join(', ');
        reasons.push(`${inv.text} broken (${seen})`);
      }
    }
    for (const [id, n] of unseenTemplates(session.counts, this.#index)) {
      reasons.push(`template ${id} never seen while fitting (${n} lines)`);
    }
    return { score: reasons.length, reasons };
  }
}

function resolve(options: InvariantOptions): Resolved {
  const o = { minSupport: 0.98, maxTerms: 3, maxCoefficient: 10, maxTemplates: 64, ...options };
  const bad = (name: string, value: number, hint: string): BerthError =>
    new BerthError('BERTH_CONFIG', `Invariant option ${name} is invalid: ${value}.`, { hint });
  if (!(o.minSupport > 0.5 && o.minSupport <= 1))
    throw bad('minSupport', o.minSupport, 'Use a share in (0.5, 1], e.g. 0.98.');
  for (const [name, value] of [
    ['maxTerms', o.maxTerms],
    ['maxCoefficient', o.maxCoefficient],
    ['maxTemplates', o.maxTemplates],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw bad(name, value, 'Use a positive integer.');
  }
  return o;
}

function mine(matrix: CountMatrix, o: Resolved): Invariant[] {
  const { rows, total, vocabulary } = matrix;
  const allowed = total * (1 - o.minSupport);
  const found: { cols: number[]; coefs: number[]; support: number }[] = [];
  const nonZero = vocabulary.map((_, c) => rows.reduce((s, r) => s + (r.x[c] === 0 ? 0 : r.weight), 0));
  const candidates: number[] = [];
  for (let c = 0; c < vocabulary.length; c++) {
    if (nonZero[c]! <= allowed) found.push({ cols: [c], coefs: [1], support: 1 - nonZero[c]! / total });
    else candidates.push(c);
  }
  candidates.sort((a, b) => nonZero[b]! - nonZero[a]! || a - b);
  candidates.splice(o.maxTemplates);
  candidates.sort((a, b) => a - b);
  const gram = gramMatrix(rows, candidates);
  for (let k = 2; k <= o.maxTerms; k++) {
    for (const pick of combinations(candidates.length, k)) {
      const cols = pick.map((i) => candidates[i]!);
      if (found.some((f) => f.cols.every((c) => cols.includes(c)))) continue;
      const coefs = integerCandidate(
        pick.map((i) => pick.map((j) => gram[i]![j]!)),
        o.maxCoefficient,
      );
      for (const scaled of coefs) {
        const broken = brokenWeight(rows, cols, scaled, allowed);
        if (broken <= allowed) {
          found.push({ cols, coefs: scaled, support: 1 - broken / total });
          break;
        }
      }
    }
  }
  return found.map((f) => ({
    terms: f.cols.map((c, i) => ({ templateId: vocabulary[c]!, coefficient: f.coefs[i]! })),
    support: f.support,
  }));
}

/** Σ weight·x_i·x_j over the candidate columns. */
function gramMatrix(rows: readonly WeightedRow[], cols: readonly number[]): number[][] {
  const g = cols.map(() => new Array<number>(cols.length).fill(0));
  for (const r of rows) {
    for (let i = 0; i < cols.length; i++) {
      const xi = r.x[cols[i]!]!;
      if (xi === 0) continue;
      for (let j = 0; j < cols.length; j++) g[i]![j]! += r.weight * xi * r.x[cols[j]!]!;
    }
  }
  return g;
}

/**
 * Integer coefficient vectors near the least-squares null direction of a sub-Gram matrix (its smallest
 * eigenvector), scaled so the smallest coefficient is 1, 2 or 3; every coefficient must be non-zero.
 */
function integerCandidate(subGram: number[][], maxCoefficient: number): number[][] {
  const { vectors } = symmetricEigen(subGram);
  const v = vectors[vectors.length - 1]!;
  const smallest = Math.min(...v.map(Math.abs));
  if (!(smallest > 1e-6)) return [];
  const sign = v[0]! < 0 ? -1 : 1;
  const out: number[][] = [];
  for (const scale of [1, 2, 3]) {
    const coefs = v.map((c) => Math.round((sign * c * scale) / smallest));
    if (coefs.every((c) => c !== 0 && Math.abs(c) <= maxCoefficient)) out.push(coefs);
  }
  return out;
}

/** Weight of rows breaking the relation; stops early once it exceeds `limit` (rows are heaviest first). */
function brokenWeight(rows: readonly WeightedRow[], cols: number[], coefs: number[], limit: number): number {
  let broken = 0;
  for (const r of rows) {
    if (residual(cols, coefs, r.x) !== 0) {
      broken += r.weight;
      if (broken > limit) return broken;
    }
  }
  return broken;
}

function residual(cols: readonly number[], coefs: readonly number[], x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < cols.length; i++) s += coefs[i]! * x[cols[i]!]!;
  return s;
}

/** All k-subsets of 0..n-1, in lexicographic order. */
function* combinations(n: number, k: number): Generator<number[]> {
  const pick = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    yield [...pick];
    let i = k - 1;
    while (i >= 0 && pick[i] === n - k + i) i--;
    if (i < 0) return;
    pick[i]!++;
    for (let j = i + 1; j < k; j++) pick[j] = pick[j - 1]! + 1;
  }
}

/** `2 × count(T1) = count(T2) + count(T3)`: positive terms left, negative right, `count(T) = 0` for one term. */
export function describeInvariant(inv: Invariant): string {
  const side = (terms: Invariant['terms']): string =>
    terms.length === 0
      ? '0'
      : terms
          .map(
            (t) =>
              `${Math.abs(t.coefficient) === 1 ? '' : `${Math.abs(t.coefficient)} × `}count(${t.templateId})`,
          )
          .join(' + ');
  return `${side(inv.terms.filter((t) => t.coefficient > 0))} = ${side(inv.terms.filter((t) => t.coefficient < 0))}`;
}
