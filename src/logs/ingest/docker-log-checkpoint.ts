import { z } from 'zod';
import { BerthError } from '../../errors/index.js';
import { parseRfc3339 } from './parse-rfc3339.js';

/** The two output streams of a container, as Docker's multiplexed log stream names them. */
export type DockerStream = 'stdout' | 'stderr';

/**
 * How far one stream of a container has been consumed: every Docker log message of that stream before
 * `timestamp` and the first `count` messages at exactly `timestamp` (Docker gives several messages the
 * same timestamp, for example the 16 KB chunks of one long line).
 */
export interface StreamCursor {
  /** Docker's RFC3339Nano timestamp, exactly as it was sent. */
  timestamp: string;
  count: number;
}

/** What a collector stores per container so a restart neither loses nor duplicates lines. */
export type DockerLogCheckpoint = Partial<Record<DockerStream, StreamCursor>>;

const streamCursorSchema = z.tuple([
  z.string().refine((t) => parseRfc3339(t) !== undefined, { error: 'expected an RFC 3339 timestamp' }),
  z.number().int().min(0),
]);

/** The stored form: `{"v":1,"stdout":["<timestamp>",<count>],"stderr":[...]}`. */
const dockerLogCheckpointSchema = z.strictObject({
  v: z.literal(1),
  stdout: streamCursorSchema.optional(),
  stderr: streamCursorSchema.optional(),
});

/**
 * The checkpoint after a line has been stored: its stream's cursor becomes the line's cursor.
 *
 * @example
 * checkpoint = advanceCheckpoint(checkpoint, storedLine);
 */
export function advanceCheckpoint(
  checkpoint: DockerLogCheckpoint,
  line: { stream: DockerStream; cursor: StreamCursor },
): DockerLogCheckpoint {
  return { ...checkpoint, [line.stream]: line.cursor };
}

/** Serialises a checkpoint to a short JSON string for the store. */
export function encodeCheckpoint(checkpoint: DockerLogCheckpoint): string {
  const encoded: Record<string, unknown> = { v: 1 };
  for (const stream of ['stdout', 'stderr'] as const) {
    const cursor = checkpoint[stream];
    if (cursor !== undefined) encoded[stream] = [cursor.timestamp, cursor.count];
  }
  return JSON.stringify(encoded);
}

/**
 * Reads a checkpoint written by {@link encodeCheckpoint}.
 *
 * @throws BerthError `BERTH_STORE` when the text is not a checkpoint (a corrupt store row).
 */
export function decodeCheckpoint(text: string): DockerLogCheckpoint {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw corrupt(text, 'it is not JSON', error);
  }
  const result = dockerLogCheckpointSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw corrupt(text, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const checkpoint: DockerLogCheckpoint = {};
  for (const stream of ['stdout', 'stderr'] as const) {
    const cursor = result.data[stream];
    if (cursor !== undefined) checkpoint[stream] = { timestamp: cursor[0], count: cursor[1] };
  }
  return checkpoint;
}

/**
 * The `since` query parameter for `GET /containers/{id}/logs` that resumes after a checkpoint: the
 * earlier of the two cursors as Unix seconds with nine decimals. Docker's `since` is inclusive, so the
 * messages at that instant come again and {@link ResumeFilter} skips the ones already counted. Undefined
 * when nothing was consumed yet (read from the beginning).
 *
 * @example
 * sinceParameter({ stdout: { timestamp: '2024-05-01T12:00:00.5Z', count: 1 } }); // '1714564800.500000000'
 */
export function sinceParameter(checkpoint: DockerLogCheckpoint): string | undefined {
  let earliest: bigint | undefined;
  for (const cursor of [checkpoint.stdout, checkpoint.stderr]) {
    const ns = cursor === undefined ? undefined : parseRfc3339(cursor.timestamp)?.epochNs;
    if (ns !== undefined && (earliest === undefined || ns < earliest)) earliest = ns;
  }
  if (earliest === undefined) return undefined;
  const seconds = earliest / 1_000_000_000n;
  const nanos = earliest % 1_000_000_000n;
  return `${seconds.toString()}.${nanos.toString().padStart(9, '0')}`;
}

function corrupt(text: string, reason: string, cause?: unknown): BerthError {
  return new BerthError(
    'BERTH_STORE',
    `stored log checkpoint ${JSON.stringify(text.slice(0, 200))} is invalid: ${reason}`,
    {
      hint: 'Delete the checkpoint to re-read the container logs from the start (lines may then be stored twice).',
      ...(cause === undefined ? {} : { cause }),
    },
  );
}
