import type { z } from 'zod';
import { BerthError } from '../../errors/index.js';
import { defaultLokiPushLimits, lokiPushRequestSchema, type LokiPushLimits } from './loki-push-schema.js';

/** One entry of a pushed stream. */
export interface LokiPushEntry {
  timestampNs: bigint;
  timestampMs: number;
  line: string;
  /** Loki's structured metadata (the optional third element of a value). */
  metadata?: Record<string, string>;
}

/** One stream of a push request: its labels and its entries in the order they were sent. */
export interface LokiPushStream {
  labels: Record<string, string>;
  entries: LokiPushEntry[];
}

const MAX_REPORTED_ISSUES = 5;

/**
 * Reads the JSON body of `POST /loki/api/v1/push`. Entries keep their order; they need not be sorted
 * by time (Loki accepts out-of-order writes too).
 *
 * @throws BerthError `BERTH_BAD_REQUEST` naming each problem by path, e.g.
 *   `streams[2].values[5][0]: expected a nanosecond timestamp string`.
 * @example
 * parseLokiPush('{"streams":[{"stream":{"app":"shop"},"values":[["1714564800000000000","hi"]]}]}');
 * // [{ labels: { app: 'shop' }, entries: [{ timestampNs: 1714564800000000000n, timestampMs: 1714564800000, line: 'hi' }] }]
 */
export function parseLokiPush(
  body: string,
  limits: LokiPushLimits = defaultLokiPushLimits,
): LokiPushStream[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `the Loki push body is not valid JSON: ${(error as Error).message}`,
      {
        hint: 'Send Content-Type: application/json with a {"streams": [...]} body (protobuf is not supported yet).',
        cause: error,
      },
    );
  }
  const result = lokiPushRequestSchema(limits).safeParse(json);
  if (!result.success) throw invalid(result.error.issues);
  return result.data.streams.map((stream) => ({
    labels: stream.stream,
    entries: stream.values.map(([ns, line, metadata]) => {
      const timestampNs = BigInt(ns);
      const entry: LokiPushEntry = { timestampNs, timestampMs: Number(timestampNs / 1_000_000n), line };
      if (metadata !== undefined) entry.metadata = metadata;
      return entry;
    }),
  }));
}

function invalid(issues: readonly z.core.$ZodIssue[]): BerthError {
  const problems = issues.slice(0, MAX_REPORTED_ISSUES).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const more =
    issues.length > MAX_REPORTED_ISSUES ? ` (and ${issues.length - MAX_REPORTED_ISSUES} more)` : '';
  return new BerthError('BERTH_BAD_REQUEST', `invalid Loki push body: ${problems.join('; ')}${more}`, {
    hint: 'See the Loki HTTP API docs, "Ingest logs": values are ["<unix epoch nanoseconds as a string>", "<line>"].',
    details: { issues: issues.map((i) => ({ path: formatPath(i.path), message: i.message })) },
  });
}

/** `["streams", 2, "values", 5, 0]` → `streams[2].values[5][0]`; odd keys are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part))
      out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out === '' ? '(body)' : out;
}
