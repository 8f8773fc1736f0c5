import type { Ordering } from './ordering.js';

/** The interface every ecosystem's module implements: a total order and a validity check. */
export interface VersionScheme {
  /** Orders two versions; never throws, whatever the input. */
  readonly compare: (a: string, b: string) => Ordering;
  /** True when the ecosystem's own tool would accept the version string. */
  readonly isValid: (version: string) => boolean;
}
