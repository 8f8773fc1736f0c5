import type { Session } from './session-grouper.js';

/** How one session scored against a fitted model. */
export interface ModelScore {
  /** The model's score; the session is anomalous when it exceeds the model's threshold. */
  readonly score: number;
  /** Why, in words (broken invariants, unseen templates, largest residuals). Empty for a normal session. */
  readonly reasons: string[];
}

/** A session model fitted without labels; `InvariantModel` and `PcaModel` implement it. */
export interface SessionModel {
  readonly method: 'invariants' | 'pca';
  /** Sessions scoring above this are anomalous. */
  readonly threshold: number;
  /** How the threshold was chosen, in words (printed by the eval and stored with each anomaly). */
  readonly thresholdRule: string;
  score(session: Session): ModelScore;
}
