/**
 * Log anomaly detection (issue 5 item 7): templates new since a release, template or level rates departing from
 * their baseline, and sessions (e.g. HDFS blocks) whose template counts break what was learned without labels. All
 * three report the same plain `Anomaly` events, which rollout verification reads.
 */
export { Anomaly, NewTemplateDetails, RateDetails, SessionDetails } from './anomaly.js';
export type { AnomalyKind } from './anomaly.js';
export { describeInvariant, InvariantModel } from './invariant-model.js';
export type { Invariant, InvariantOptions } from './invariant-model.js';
export { NewTemplateDetector } from './new-template-detector.js';
export type { NewTemplateDetectorOptions, TemplateSighting } from './new-template-detector.js';
export { PcaModel, qStatistic } from './pca-model.js';
export type { PcaOptions } from './pca-model.js';
export { RateDetector } from './rate-detector.js';
export type { RateDetectorOptions } from './rate-detector.js';
export { SessionDetector } from './session-detector.js';
export type { SessionDetectorOptions, SessionScore } from './session-detector.js';
export { groupSessions, hdfsBlockKeys, SessionGrouper } from './session-grouper.js';
export type { Session, SessionEvent, SessionGrouperOptions } from './session-grouper.js';
export type { ModelScore, SessionModel } from './session-model.js';
export { templateSimilarity } from './template-similarity.js';
