/**
 * Log template mining (issue 5 item 6): an online miner (masking, signatures, Brain-style grouping) and the
 * Loghub accuracy metrics.
 */
export { TemplateMiner } from './template-miner.js';
export type { AddResult, TemplateInfo } from './template-miner.js';
export type { TemplateMinerOptions } from './miner-options.js';
export { TemplateMinerSnapshot } from './snapshot.js';
export { applyMasks, compileMasks, WILDCARD } from './masking.js';
export type { CompiledMask, MaskRule } from './masking.js';
export { DEFAULT_MASKS } from './default-masks.js';
export { renderTemplate } from './post-process.js';
export type { PostProcessOptions } from './post-process.js';
export { evaluate } from './evaluate.js';
export type { ParsingAccuracy } from './evaluate.js';
