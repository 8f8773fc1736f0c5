import { z } from 'zod';

/**
 * The subset of an OSV record (ossf/osv-schema `docs/schema.md`, v1.6) that Berth stores and matches.
 * Unknown keys are dropped. Versions stay strings exactly as written: never coerce them (`1.10` ≠ `1.1`).
 */

// RFC 3339 with a zone, as the schema requires ("modified": "2021-09-26T23:32:08.989778Z").
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

const TimestampSchema = z
  .string()
  .refine((value) => rfc3339.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'expected an RFC 3339 timestamp such as "2024-01-31T12:00:00Z"',
  });

export const OsvSeveritySchema = z.object({ type: z.string().min(1), score: z.string().min(1) });

const eventKeys = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

/** One range event; the schema allows exactly one of the four keys per object ("Requirements"). */
export const OsvEventSchema = z
  .object({
    introduced: z.string().min(1).optional(),
    fixed: z.string().min(1).optional(),
    last_affected: z.string().min(1).optional(),
    limit: z.string().min(1).optional(),
  })
  .refine((event) => eventKeys.filter((key) => event[key] !== undefined).length === 1, {
    message: 'an event must have exactly one of introduced, fixed, last_affected or limit',
  });

/**
 * The schema says a range "must" hold an `introduced` event. That is not enforced: Docker Hardened Images
 * publishes ranges with no events next to an explicit `versions` list, and rejecting those records would
 * drop the list. A range without `introduced` never matches under the evaluation algorithm anyway.
 */
export const OsvRangeSchema = z.object({
  type: z.enum(['SEMVER', 'ECOSYSTEM', 'GIT']),
  repo: z.string().optional(),
  events: z.array(OsvEventSchema),
});

export const OsvAffectedSchema = z.object({
  // Optional in the schema: GIT-only entries may name just a repository; such entries cannot be matched.
  package: z
    .object({ ecosystem: z.string().min(1), name: z.string().min(1), purl: z.string().optional() })
    .optional(),
  severity: z.array(OsvSeveritySchema).optional(),
  ranges: z.array(OsvRangeSchema).optional(),
  versions: z.array(z.string()).optional(),
});

export const OsvReferenceSchema = z.object({ type: z.string(), url: z.string() });

export const OsvRecordSchema = z.object({
  schema_version: z.string().optional(),
  id: z.string().min(1),
  modified: TimestampSchema,
  published: TimestampSchema.optional(),
  withdrawn: TimestampSchema.optional(),
  aliases: z.array(z.string()).optional(),
  upstream: z.array(z.string()).optional(),
  related: z.array(z.string()).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(OsvSeveritySchema).optional(),
  affected: z.array(OsvAffectedSchema).optional(),
  references: z.array(OsvReferenceSchema).optional(),
  // Free-form per the schema; only a string `severity` (GHSA's "HIGH", "MODERATE" ...) is read.
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

export type OsvRecord = z.infer<typeof OsvRecordSchema>;
export type OsvAffected = z.infer<typeof OsvAffectedSchema>;
export type OsvRange = z.infer<typeof OsvRangeSchema>;
export type OsvEvent = z.infer<typeof OsvEventSchema>;
export type OsvSeverity = z.infer<typeof OsvSeveritySchema>;
export type OsvReference = z.infer<typeof OsvReferenceSchema>;
