import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { BerthError, type ErrorCode } from '../../errors/index.js';
import { defaultCodec } from './block-codec.js';
import type { Labels } from './log-line.js';
import type { RegexCompiler } from './stream-selector.js';

const MiB = 1024 * 1024;

/** Tuning of `LogStore.open()`; every field has a default sized for a 2-core, few-GB host. */
export const LogStoreOptionsSchema = z
  .object({
    /** Raw bytes at which a stream's buffer becomes a sealed block (Loki's chunk_target_size is ~1.5 MB). */
    blockBytes: z
      .number()
      .int()
      .min(256)
      .max(64 * MiB)
      .default(MiB),
    /** A buffer older than this is sealed even if small (Loki's max_chunk_age is 2 h). */
    maxBlockAgeMs: z
      .number()
      .int()
      .positive()
      .default(15 * 60_000),
    /** Cap on buffered entries across all streams; beyond it the largest buffers are sealed and flushed. */
    maxBufferedBytes: z
      .number()
      .int()
      .min(1024)
      .default(64 * MiB),
    /** Period of the background flush (durability of appended lines); 0 turns it off. */
    flushIntervalMs: z.number().int().min(0).default(1000),
    /** Segment files roll over at this size. */
    segmentBytes: z
      .number()
      .int()
      .min(256)
      .default(64 * MiB),
    /** Codec of sealed blocks; see block-codec.ts for why zstd 7 is the default. */
    codec: z
      .object({ name: z.enum(['zstd', 'brotli', 'deflate']), level: z.number().int().min(0).max(19) })
      .strict()
      .refine(
        (c) =>
          c.name === 'zstd'
            ? c.level >= 1
            : c.name === 'brotli'
              ? c.level <= 11
              : c.level >= 1 && c.level <= 9,
        'level out of range for the codec (zstd 1-19, brotli 0-11, deflate 1-9)',
      )
      .default(defaultCodec),
    /** Worker threads for scans with `lineContains`; 0 scans in the calling thread. */
    scanThreads: z
      .number()
      .int()
      .min(0)
      .max(64)
      .default(() => Math.min(2, availableParallelism())),
    /**
     * Memory for sealed blocks' blooms kept between queries (needle queries then read no bloom from
     * disk); 0 reads them from the segment files every time. ~16 MB covers 1 GB of HDFS-like logs.
     */
    bloomCacheBytes: z
      .number()
      .int()
      .min(0)
      .default(32 * 1024 * 1024),
  })
  .strict();

export type LogStoreSettings = z.output<typeof LogStoreOptionsSchema>;

export type LogStoreOptions = z.input<typeof LogStoreOptionsSchema> & {
  /** Compiles `=~`/`!~` matcher patterns; defaults to an anchored JS RegExp (stream-selector.ts). */
  compileRegex?: RegexCompiler;
  /** Receives errors of the background flush (the next `flush()` raises them too). */
  onError?: (error: unknown) => void;
};

const matcherSchema = z
  .object({ name: z.string(), op: z.enum(['=', '!=', '=~', '!~']), value: z.string() })
  .strict();
const selectorSchema = z.union([
  z.array(matcherSchema),
  z.custom<(labels: Labels) => boolean>(
    (v) => typeof v === 'function',
    'expected label matchers or a function',
  ),
]);

export const SelectOptionsSchema = z
  .object({
    selector: selectorSchema,
    /** Inclusive. */
    startMs: z.number(),
    /** Exclusive. */
    endMs: z.number(),
    direction: z.enum(['forward', 'backward']).default('forward'),
    /** Case-sensitive literals every returned line contains (from `|=` filters). */
    lineContains: z.array(z.string()).default([]),
    limit: z.number().int().positive().optional(),
    signal: z.instanceof(AbortSignal).optional(),
  })
  .strict();

export type SelectOptions = z.input<typeof SelectOptionsSchema>;
export type SelectSettings = z.output<typeof SelectOptionsSchema>;

export const DeleteOptionsSchema = z
  .object({ selector: selectorSchema, startMs: z.number(), endMs: z.number() })
  .strict();

export type DeleteOptions = z.input<typeof DeleteOptionsSchema>;

const limitsSchema = z
  .object({ maxAgeMs: z.number().positive().optional(), maxBytes: z.number().int().min(0).optional() })
  .strict();

/** Retention: whole blocks older than `maxAgeMs` (by their newest entry) or beyond `maxBytes` go. */
export const RetentionPolicySchema = z
  .object({
    nowMs: z.number(),
    maxAgeMs: z.number().positive().optional(),
    /** Cap on the whole store (stored block and bloom bytes), applied after the per-app caps. */
    maxBytes: z.number().int().min(0).optional(),
    /** Per value of the `app` label; an app's `maxAgeMs` replaces the global one for its streams. */
    perApp: z.record(z.string(), limitsSchema).optional(),
  })
  .strict();

export type RetentionPolicy = z.input<typeof RetentionPolicySchema>;

/** Parses with zod and turns issues into one BerthError naming each wrong field. */
export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
  code: ErrorCode,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
  throw new BerthError(code, `invalid ${what}: ${issues}`, {
    hint: `Check the ${what} against src/logs/store/log-store-options.ts.`,
  });
}
