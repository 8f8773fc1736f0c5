import { BerthError } from '../../errors/index.js';
import { DEFAULT_MASKS } from './default-masks.js';
import { WILDCARD } from './masking.js';
import type { MaskRule } from './masking.js';
import type { PostProcessOptions } from './post-process.js';

/** Settings of a TemplateMiner; every field is optional. One set of defaults serves every log source. */
export interface TemplateMinerOptions {
  /**
   * A position where lines of one event show at least this many distinct tokens is a parameter; fewer distinct
   * tokens are constants that tell events apart (`VM Started` / `VM Paused`). Brain's "child threshold"
   * (Yu et al. IEEE TSC 2023). Default 4: mean grouping accuracy on the 16 Loghub-2k sets was 0.974 with 4,
   * 0.972 with 5 and 6, and 0.925 with 3 (measured on the benchmark itself, so not a held-out result).
   */
  readonly variableThreshold?: number;
  /**
   * Memory bound: once one token count holds more distinct signatures than this, the signatures of each template
   * are folded into one (lines keep their template; the fold only forgets which values were seen). Default 1,000.
   */
  readonly maxSignaturesPerLength?: number;
  /** Masks applied before tokenising, in order; default `DEFAULT_MASKS`; `[]` disables masking. */
  readonly masks?: readonly MaskRule[];
  readonly postProcess?: PostProcessOptions;
}

/** A mask rule with every field filled in, as a snapshot stores it. */
export interface ResolvedMaskRule {
  readonly name: string;
  readonly pattern: string;
  readonly maskWith: string;
  readonly scope: 'line' | 'token';
  readonly requires: readonly string[];
  readonly prefilter?: string;
}

/** Options with every default filled in; what a snapshot stores. */
export interface ResolvedOptions {
  readonly variableThreshold: number;
  readonly maxSignaturesPerLength: number;
  readonly masks: readonly ResolvedMaskRule[];
  readonly postProcess: Required<PostProcessOptions>;
}

/** Fill defaults and validate; invalid values throw BERTH_CONFIG. */
export function resolveOptions(options: TemplateMinerOptions): ResolvedOptions {
  const variableThreshold = options.variableThreshold ?? 4;
  const maxSignaturesPerLength = options.maxSignaturesPerLength ?? 1_000;
  if (!Number.isInteger(variableThreshold) || variableThreshold < 2) {
    throw invalid('variableThreshold', variableThreshold, 'Use an integer ≥ 2, e.g. 4.');
  }
  if (!Number.isInteger(maxSignaturesPerLength) || maxSignaturesPerLength < 16) {
    throw invalid('maxSignaturesPerLength', maxSignaturesPerLength, 'Use an integer ≥ 16, e.g. 1000.');
  }
  return {
    variableThreshold,
    maxSignaturesPerLength,
    masks: (options.masks ?? DEFAULT_MASKS).map((m) => ({
      name: m.name,
      pattern: typeof m.pattern === 'string' ? m.pattern : m.pattern.source,
      maskWith: m.maskWith ?? WILDCARD,
      scope: m.scope ?? 'line',
      requires: [...(m.requires ?? [])],
      ...(m.prefilter === undefined ? {} : { prefilter: m.prefilter }),
    })),
    postProcess: {
      collapseAdjacentWildcards: options.postProcess?.collapseAdjacentWildcards ?? true,
      mergeWildcardRuns: options.postProcess?.mergeWildcardRuns ?? false,
    },
  };
}

function invalid(name: string, value: unknown, hint: string): BerthError {
  return new BerthError(
    'BERTH_CONFIG',
    `TemplateMiner option ${name} is invalid: ${JSON.stringify(value)}.`,
    {
      hint,
    },
  );
}
