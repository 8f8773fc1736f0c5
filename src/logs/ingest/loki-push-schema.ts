import { z } from 'zod';

/** Limits on a push request; the defaults are Loki's (`limits_config`). */
export interface LokiPushLimits {
  /** `max_label_names_per_series` */
  maxLabelNames: number;
  /** `max_label_name_length` */
  maxLabelNameLength: number;
  /** `max_label_value_length` */
  maxLabelValueLength: number;
  /** `max_line_size`, in UTF-8 bytes */
  maxLineBytes: number;
  /** `max_structured_metadata_entries_count` */
  maxMetadataEntries: number;
}

export const defaultLokiPushLimits: LokiPushLimits = {
  maxLabelNames: 15,
  maxLabelNameLength: 1024,
  maxLabelValueLength: 2048,
  maxLineBytes: 256 * 1024,
  maxMetadataEntries: 128,
};

// Prometheus data model label names, as Loki validates them.
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const INT64_MAX = 9_223_372_036_854_775_807n;

/**
 * The JSON body of `POST /loki/api/v1/push` (Loki HTTP API, "Ingest logs"):
 * `{"streams":[{"stream":{"label":"value"},"values":[["<unix ns>","<line>",{"key":"metadata"}?]]}]}`.
 * Every message names what was expected, so errors read `streams[2].values[5][0]: expected ...`.
 */
export function lokiPushRequestSchema(limits: LokiPushLimits = defaultLokiPushLimits) {
  const timestamp = z
    .string({ error: 'expected a nanosecond timestamp string' })
    .refine((ns) => /^\d{1,19}$/.test(ns) && BigInt(ns) <= INT64_MAX, {
      error: 'expected a nanosecond timestamp string (Unix epoch nanoseconds, digits only)',
    });
  const line = z
    .string({ error: 'expected the log line as a string' })
    .refine(
      (text) => text.length <= limits.maxLineBytes / 3 || Buffer.byteLength(text) <= limits.maxLineBytes,
      {
        error: `line is longer than ${limits.maxLineBytes} bytes`,
      },
    );
  const metadata = z
    .record(z.string(), z.string({ error: 'expected structured metadata values to be strings' }), {
      error: 'expected structured metadata as an object of strings',
    })
    .refine((m) => Object.keys(m).length <= limits.maxMetadataEntries, {
      error: `more than ${limits.maxMetadataEntries} structured metadata entries`,
    });
  const labels = z
    .record(
      z.string(),
      z.string({ error: 'expected label values to be strings' }).max(limits.maxLabelValueLength, {
        error: `label value is longer than ${limits.maxLabelValueLength} characters`,
      }),
      { error: 'expected the stream labels as an object of strings' },
    )
    .superRefine((l, ctx) => {
      const names = Object.keys(l);
      if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'a stream needs at least one label' });
      if (names.length > limits.maxLabelNames) {
        ctx.addIssue({
          code: 'custom',
          message: `${names.length} labels, more than the limit of ${limits.maxLabelNames}`,
        });
      }
      for (const name of names) {
        if (!LABEL_NAME.test(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'label name must match [a-zA-Z_][a-zA-Z0-9_]*',
          });
        } else if (name.length > limits.maxLabelNameLength) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `label name is longer than ${limits.maxLabelNameLength} characters`,
          });
        }
      }
    });
  const entry = z.tuple([timestamp, line, metadata.optional()], {
    error: 'expected ["<unix ns>", "<line>"] or ["<unix ns>", "<line>", {metadata}]',
  });
  return z.object(
    {
      streams: z.array(
        z.object(
          {
            stream: labels,
            values: z.array(entry, { error: 'expected values to be an array of entries' }),
          },
          { error: 'expected a stream object {"stream": {...}, "values": [...]}' },
        ),
        { error: 'expected "streams" to be an array' },
      ),
    },
    { error: 'expected a JSON object {"streams": [...]}' },
  );
}

export type LokiPushRequest = z.infer<ReturnType<typeof lokiPushRequestSchema>>;
