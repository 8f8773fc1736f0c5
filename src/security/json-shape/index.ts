/**
 * Light checks of parsed JSON for the scanner's hot path (image manifests and configs, npm lockfiles),
 * where loading zod would cost more than the check; see json-shape.ts for why.
 */
export {
  array,
  boolean,
  integer,
  lazy,
  literal,
  looseObject,
  nullish,
  optional,
  parseShape,
  record,
  string,
  unknown,
} from './json-shape.js';
export type { Shape, ShapeIssue, ShapePath, ShapeResult } from './json-shape.js';
