export { BerthError, berthErrorFromJson, isBerthError } from './berth-error.js';
export type { BerthErrorJson, BerthErrorOptions, SourcePosition } from './berth-error.js';
export { errorCatalogue } from './codes.js';
export type { ErrorCode, ErrorKind } from './codes.js';
export { didYouMean } from './did-you-mean.js';
