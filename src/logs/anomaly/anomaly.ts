import { z } from 'zod';

/** What kind of detector raised an anomaly. */
export type AnomalyKind = 'new-template' | 'rate' | 'session';

/** Details of a template first seen after a release (see `NewTemplateDetector`). */
export const NewTemplateDetails = z.object({
  templateId: z.string(),
  template: z.string(),
  /** Lines of this template seen since the release when it was reported. */
  count: z.number().int().positive(),
  firstSeenMs: z.number(),
  releaseId: z.string(),
  releaseAtMs: z.number(),
  /** The most similar template known before the release, if any is similar at all. */
  nearest: z.object({ templateId: z.string(), template: z.string(), similarity: z.number() }).nullable(),
});
export type NewTemplateDetails = z.infer<typeof NewTemplateDetails>;

/** Details of a rate departing from its baseline (see `RateDetector`). */
export const RateDetails = z.object({
  direction: z.enum(['spike', 'drop']),
  /** Count in the bucket `[atMs, atMs + bucketMs)`. */
  observed: z.number().int().nonnegative(),
  /** EWMA baseline before the bucket. */
  expected: z.number(),
  /** Robust spread the score is measured in (1.4826 × MAD, floored by √expected and 1). */
  spread: z.number().positive(),
  bucketMs: z.number().int().positive(),
});
export type RateDetails = z.infer<typeof RateDetails>;

/** Details of a session (e.g. an HDFS block) whose event counts break the learned model (see `SessionDetector`). */
export const SessionDetails = z.object({
  method: z.enum(['invariants', 'pca']),
  segment: z.number().int().nonnegative(),
  startMs: z.number(),
  endMs: z.number(),
  lines: z.number().int().positive(),
  threshold: z.number(),
  /** Human-readable reasons, e.g. `count(T1) = 3 × count(T2) broken: 1 ≠ 3 × 1`. */
  reasons: z.array(z.string()),
});
export type SessionDetails = z.infer<typeof SessionDetails>;

const common = {
  /** What the anomaly is about: a template id, a level, a session key such as a block id. */
  key: z.string(),
  /** When it happened, in ms since the epoch (the caller's clock: detectors never read the time). */
  atMs: z.number(),
  /** How far from normal; larger is worse. Each kind documents its scale. */
  score: z.number(),
  message: z.string(),
};

/**
 * An anomaly found in logs (issue 5 item 7): plain JSON-safe data, stored by the daemon as an event so that rollout
 * verification can read it. `Anomaly.parse(json)` validates a stored one.
 *
 * @example
 * const stored: unknown = JSON.parse(row.json);
 * const anomaly = Anomaly.parse(stored);
 * if (anomaly.kind === 'rate') console.log(anomaly.details.direction);
 */
export const Anomaly = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new-template'), ...common, details: NewTemplateDetails }),
  z.object({ kind: z.literal('rate'), ...common, details: RateDetails }),
  z.object({ kind: z.literal('session'), ...common, details: SessionDetails }),
]);
export type Anomaly = z.infer<typeof Anomaly>;
