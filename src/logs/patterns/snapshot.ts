import { z } from 'zod';

export const MaskRuleJson = z.object({
  name: z.string(),
  pattern: z.string(),
  maskWith: z.string(),
  scope: z.enum(['line', 'token']),
  requires: z.array(z.string()),
  prefilter: z.string().optional(),
});

export const SignatureJson = z.object({
  index: z.number().int().nonnegative(),
  tokens: z.array(z.string()),
  glue: z.array(z.boolean()),
  /** Positions that accept any token (folded signatures only). */
  wild: z.array(z.boolean()).optional(),
  count: z.number().int().positive(),
  firstSeen: z.number(),
  lastSeen: z.number(),
});
export type SignatureJson = z.infer<typeof SignatureJson>;

/**
 * The persisted state of a TemplateMiner (`toJSON()` output, `fromJSON()` input): options, signatures and
 * aliases of folded signatures. Groups and templates are not stored: they are a pure function of the signatures.
 * Version 1 (the Drain tree of earlier Berth builds) is not readable; re-mine from the log store instead.
 */
export const TemplateMinerSnapshot = z.object({
  format: z.literal('berth.template-miner'),
  version: z.literal(2),
  options: z.object({
    variableThreshold: z.number().int().min(2),
    maxSignaturesPerLength: z.number().int().min(16),
    masks: z.array(MaskRuleJson),
    postProcess: z.object({
      collapseAdjacentWildcards: z.boolean(),
      mergeWildcardRuns: z.boolean(),
    }),
  }),
  lines: z.number().int().nonnegative(),
  signatures: z.array(SignatureJson),
  /** `[index, target]`: signature `index` was folded into signature `target`. */
  aliases: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  /** `[token count, signatures count]` at which that token count is next folded. */
  compactionPoints: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().positive()])),
});
export type TemplateMinerSnapshot = z.infer<typeof TemplateMinerSnapshot>;
