import { BerthError } from '../../errors/index.js';
import { countMatrix, unseenTemplates, vectorOf } from './count-matrix.js';
import { upperNormalQuantile } from './normal-quantile.js';
import type { Session } from './session-grouper.js';
import type { ModelScore, SessionModel } from './session-model.js';
import { symmetricEigen } from './symmetric-eigen.js';

export interface PcaOptions {
  /** Keep the leading components that explain this share of variance as the normal space. Default 0.95. */
  readonly varianceKept?: number;
  /** False-alarm rate of the Q-statistic threshold. Default 0.001 (Xu et al. use 1 − α = 99.9 %). */
  readonly alpha?: number;
}

/**
 * PCA residual detector after Xu et al., "Detecting Large-Scale System Problems by Mining Console Logs", SOSP 2009:
 * TF-IDF-weighted template counts, centred; the leading components are the normal space and a session's squared
 * prediction error (SPE, its squared distance from that space) is its score. Templates unseen while fitting add
 * (count × ln N)² to the SPE, as if seen in one session.
 *
 * Threshold: the Q-statistic of Jackson & Mudholkar (Technometrics 1979) at `alpha`, computed from the residual
 * eigenvalues alone; no labels involved.
 *
 * @example
 * const model = PcaModel.fit(sessions);
 * model.score(session).score > model.threshold; // anomalous?
 */
export class PcaModel implements SessionModel {
  readonly method = 'pca';
  readonly threshold: number;
  readonly thresholdRule: string;
  /** Number of components in the normal space. */
  readonly components: number;
  readonly vocabulary: readonly string[];
  readonly #index: ReadonlyMap<string, number>;
  readonly #idf: number[];
  readonly #unseenIdf: number;
  readonly #mean: number[];
  readonly #basis: number[][];

  private constructor(fields: {
    vocabulary: readonly string[];
    idf: number[];
    unseenIdf: number;
    mean: number[];
    basis: number[][];
    threshold: number;
    alpha: number;
    varianceKept: number;
  }) {
    this.vocabulary = fields.vocabulary;
    this.#index = new Map(fields.vocabulary.map((id, i) => [id, i]));
    this.#idf = fields.idf;
    this.#unseenIdf = fields.unseenIdf;
    this.#mean = fields.mean;
    this.#basis = fields.basis;
    this.components = fields.basis.length;
    this.threshold = fields.threshold;
    this.thresholdRule = `SPE > Q-statistic (Jackson & Mudholkar 1979) at alpha ${fields.alpha}, ${this.components} components keeping ${fields.varianceKept} of variance (Xu et al. 2009)`;
  }

  /** Fit the normal space and the threshold from sessions (no labels). */
  static fit(sessions: readonly Session[], options: PcaOptions = {}): PcaModel {
    const varianceKept = options.varianceKept ?? 0.95;
    const alpha = options.alpha ?? 0.001;
    if (!(varianceKept > 0 && varianceKept < 1)) {
      throw new BerthError('BERTH_CONFIG', `PCA option varianceKept is invalid: ${varianceKept}.`, {
        hint: 'Use a share in (0, 1), e.g. 0.95.',
      });
    }
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new BerthError('BERTH_CONFIG', `PCA option alpha is invalid: ${alpha}.`, {
        hint: 'Use a false-alarm rate in (0, 0.5), e.g. 0.001.',
      });
    }
    const { vocabulary, rows, total } = countMatrix(sessions);
    const n = vocabulary.length;
    // Xu et al. §4.2: weight each template by its inverse document frequency over sessions.
    const df = new Array<number>(n).fill(0);
    for (const r of rows) r.x.forEach((v, i) => (df[i]! += v > 0 ? r.weight : 0));
    const idf = df.map((d) => Math.log(total / d));
    const weighted = rows.map((r) => ({ y: r.x.map((v, i) => v * idf[i]!), weight: r.weight }));
    const mean = new Array<number>(n).fill(0);
    for (const r of weighted) r.y.forEach((v, i) => (mean[i]! += (v * r.weight) / total));
    const cov = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const r of weighted) {
      const d = r.y.map((v, i) => v - mean[i]!);
      for (let i = 0; i < n; i++) {
        if (d[i] === 0) continue;
        for (let j = 0; j < n; j++) cov[i]![j]! += (r.weight * d[i]! * d[j]!) / total;
      }
    }
    const { values, vectors } = symmetricEigen(cov);
    const lambdas = values.map((v) => Math.max(v, 0));
    const totalVariance = lambdas.reduce((s, v) => s + v, 0);
    let k = 0;
    for (let kept = 0; k < n && kept < varianceKept * totalVariance; k++) kept += lambdas[k]!;
    return new PcaModel({
      vocabulary,
      idf,
      unseenIdf: Math.log(Math.max(total, 2)),
      mean,
      basis: vectors.slice(0, k),
      // Rounding leaves SPEs of ~1e-15 on sessions inside the normal space: never flag below a relative epsilon.
      threshold: Math.max(qStatistic(lambdas.slice(k), alpha), 1e-9 * (1 + totalVariance)),
      alpha,
      varianceKept,
    });
  }

  /** Score = SPE of the session's weighted counts. */
  score(session: Session): ModelScore {
    const x = vectorOf(session.counts, this.#index);
    const residual = x.map((v, i) => v * this.#idf[i]! - this.#mean[i]!);
    for (const p of this.#basis) {
      let dot = 0;
      for (let i = 0; i < residual.length; i++) dot += p[i]! * residual[i]!;
      for (let i = 0; i < residual.length; i++) residual[i]! -= dot * p[i]!;
    }
    let spe = residual.reduce((s, v) => s + v * v, 0);
    const reasons: string[] = [];
    for (const [id, count] of unseenTemplates(session.counts, this.#index)) {
      spe += (count * this.#unseenIdf) ** 2;
      reasons.push(`template ${id} never seen while fitting (${count} lines)`);
    }
    if (spe > this.threshold) {
      const top = residual
        .map((r, i) => ({ id: this.vocabulary[i]!, share: (r * r) / spe, count: x[i]! }))
        .filter((t) => t.share >= 0.1)
        .sort((a, b) => b.share - a.share)
        .slice(0, 3);
      for (const t of top)
        reasons.push(
          `count(${t.id}) = ${t.count} is off the normal space (${Math.round(t.share * 100)}% of SPE)`,
        );
    }
    return { score: spe, reasons: spe > this.threshold ? reasons : [] };
  }
}

/**
 * Q_α of Jackson & Mudholkar (1979) from the residual eigenvalues λ: with φ_i = Σ λ^i and h0 = 1 − 2φ1φ3 / (3φ2²),
 * Q = φ1 [c_α √(2 φ2 h0²) / φ1 + 1 + φ2 h0 (h0 − 1) / φ1²]^(1/h0). h0 ≤ 0 happens when a few residual eigenvalues
 * dominate; then Box's (1954) approximation SPE ≈ g·χ²(h), g = φ2/φ1, h = φ1²/φ2, is used with the Wilson–Hilferty
 * χ² quantile. No residual variance gives Q = 0.
 */
export function qStatistic(residualEigenvalues: readonly number[], alpha: number): number {
  const phi = [1, 2, 3].map((p) => residualEigenvalues.reduce((s, l) => s + l ** p, 0));
  const [phi1, phi2, phi3] = phi as [number, number, number];
  if (!(phi1 > 1e-12)) return 0;
  const c = upperNormalQuantile(alpha);
  const h0 = 1 - (2 * phi1 * phi3) / (3 * phi2 * phi2);
  if (h0 > 1e-3) {
    const base = (c * Math.sqrt(2 * phi2 * h0 * h0)) / phi1 + 1 + (phi2 * h0 * (h0 - 1)) / (phi1 * phi1);
    if (base > 0) return phi1 * Math.pow(base, 1 / h0);
  }
  const g = phi2 / phi1;
  const h = (phi1 * phi1) / phi2;
  const w = 2 / (9 * h);
  return g * h * Math.max(0, 1 - w + c * Math.sqrt(w)) ** 3;
}
