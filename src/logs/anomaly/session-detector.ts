import { BerthError } from '../../errors/index.js';
import type { Anomaly } from './anomaly.js';
import { InvariantModel } from './invariant-model.js';
import type { InvariantOptions } from './invariant-model.js';
import { PcaModel } from './pca-model.js';
import type { PcaOptions } from './pca-model.js';
import type { Session } from './session-grouper.js';
import type { SessionModel } from './session-model.js';

export interface SessionDetectorOptions {
  /**
   * `invariants` (default): Lou et al. 2010 invariant mining; on hdfs-2pct-loglead it scored F1 0.95 fitting on all
   * sessions and 0.91 fitting on the first half, against 0.62 and 0.90 for `pca` (Xu et al. 2009); see
   * scripts/eval-anomaly.
   */
  readonly method?: 'invariants' | 'pca';
  readonly invariants?: InvariantOptions;
  readonly pca?: PcaOptions;
}

/** A scored session. */
export interface SessionScore {
  readonly session: Session;
  readonly score: number;
  readonly anomalous: boolean;
  readonly reasons: string[];
}

/**
 * Session-level anomaly detection (issue 5 item 7): fit a model of normal template counts per session WITHOUT
 * labels, then flag sessions that depart from it. Sessions come from `SessionGrouper` (e.g. one per HDFS block).
 *
 * @example
 * const sessions = groupSessions(events, { keysOf: hdfsBlockKeys });
 * const detector = SessionDetector.fit(sessions);
 * const anomalies = detector.detect(sessions); // Anomaly[] of kind 'session'
 */
export class SessionDetector {
  readonly model: SessionModel;

  private constructor(model: SessionModel) {
    this.model = model;
  }

  /** Fit on sessions (e.g. all so far, or a baseline period). Throws BERTH_BAD_REQUEST for no sessions. */
  static fit(sessions: readonly Session[], options: SessionDetectorOptions = {}): SessionDetector {
    if (sessions.length === 0) {
      throw new BerthError('BERTH_BAD_REQUEST', 'Cannot fit a session detector on 0 sessions.', {
        hint: 'Collect a baseline of log lines that carry session keys (e.g. block ids) before fitting.',
      });
    }
    const method = options.method ?? 'invariants';
    const model =
      method === 'pca'
        ? PcaModel.fit(sessions, options.pca)
        : InvariantModel.fit(sessions, options.invariants);
    return new SessionDetector(model);
  }

  /** The threshold and how it was chosen. */
  get threshold(): { readonly rule: string; readonly value: number } {
    return { rule: this.model.thresholdRule, value: this.model.threshold };
  }

  score(session: Session): SessionScore {
    const { score, reasons } = this.model.score(session);
    return { session, score, anomalous: score > this.model.threshold, reasons };
  }

  /** The anomalous sessions as `Anomaly` events, at each session's end. */
  detect(sessions: Iterable<Session>): Anomaly[] {
    const out: Anomaly[] = [];
    for (const session of sessions) {
      const s = this.score(session);
      if (s.anomalous) out.push(toAnomaly(s, this.model));
    }
    return out;
  }
}

function toAnomaly(s: SessionScore, model: SessionModel): Anomaly {
  const { session } = s;
  const first = s.reasons[0] ?? 'departs from the fitted model';
  const more = s.reasons.length > 1 ? ` (+${s.reasons.length - 1} more)` : '';
  return {
    kind: 'session',
    key: session.key,
    atMs: session.endMs,
    score: s.score,
    message: `Session ${session.key} (${session.lines} lines) looks anomalous: ${first}${more}.`,
    details: {
      method: model.method,
      segment: session.segment,
      startMs: session.startMs,
      endMs: session.endMs,
      lines: session.lines,
      threshold: model.threshold,
      reasons: s.reasons,
    },
  };
}
