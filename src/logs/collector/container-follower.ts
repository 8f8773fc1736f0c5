import type { Logger } from 'pino';
import type { DockerEngine, ManagedContainer } from '../../engine/index.js';
import {
  advanceCheckpoint,
  decodeCheckpoint,
  DockerLogLineSplitter,
  encodeCheckpoint,
  LineParser,
  MultilineGrouper,
  sinceParameter,
  type DockerLogCheckpoint,
  type DockerLogLine,
  type MultilineOptions,
} from '../ingest/index.js';

/** A stored entry as the collector hands it over. */
export interface CollectedEntry {
  timestampMs: number;
  line: string;
  metadata?: Record<string, string>;
}

/** Where collected lines go: the log store (entries and the checkpoint become durable together). */
export interface LogSink {
  append(labels: Readonly<Record<string, string>>, entries: readonly CollectedEntry[]): void;
  setCheckpoint(key: string, value: string): void;
  getCheckpoint(key: string): string | undefined;
}

export interface FollowerOptions {
  engine: Pick<DockerEngine, 'logs'>;
  sink: LogSink;
  logger: Logger;
  multiline: MultilineOptions['mode'];
  /** Told about every stored entry (patterns, anomalies, live tail). */
  onEntry?: (labels: Readonly<Record<string, string>>, entry: CollectedEntry) => void;
  now?: () => number;
}

/** A line's own timestamp is used when it is within this distance of Docker's (clock skew, buffering). */
const maxOwnTimestampSkewMs = 24 * 3_600_000;

export const checkpointKey = (containerId: string): string => `docker:${containerId}`;

/**
 * Reads one container's output from where the last run stopped, turns it into entries and stores them
 * with the new position: Docker's `since` (to the nanosecond) and the splitter's resume filter skip
 * what is stored already, so a daemon restart neither loses nor duplicates lines.
 */
export async function followContainer(
  container: ManagedContainer,
  follow: boolean,
  options: FollowerOptions,
  signal: AbortSignal,
): Promise<void> {
  const { sink, logger } = options;
  const key = checkpointKey(container.id);
  const stored = sink.getCheckpoint(key);
  let checkpoint: DockerLogCheckpoint = {};
  try {
    checkpoint = stored === undefined ? {} : decodeCheckpoint(stored);
  } catch (error) {
    logger.warn(
      { err: error, container: container.name },
      'log checkpoint unreadable; reading from the start',
    );
  }
  const base = {
    app: container.app,
    service: container.service,
    replica: String(container.replica),
    release: String(container.release),
  };
  const labels = { stdout: { ...base, stream: 'stdout' }, stderr: { ...base, stream: 'stderr' } } as const;
  const splitter = new DockerLogLineSplitter({ resumeFrom: checkpoint });
  const grouper = new MultilineGrouper<DockerLogLine>({ mode: options.multiline });
  const parsers = { stdout: new LineParser(), stderr: new LineParser() };
  const now = options.now ?? Date.now;

  const store = (groups: ReturnType<typeof grouper.push>): void => {
    if (groups.length === 0) return;
    const byStream = { stdout: [] as CollectedEntry[], stderr: [] as CollectedEntry[] };
    for (const group of groups) {
      const stream = group.first.stream;
      const parsed = parsers[stream].parse(group.line);
      const own = parsed.time?.epochMs;
      const timestampMs =
        own !== undefined && Math.abs(own - group.first.timestampMs) < maxOwnTimestampSkewMs
          ? own
          : group.first.timestampMs;
      const metadata: Record<string, string> = { ...parsed.fields };
      if (parsed.level !== undefined) metadata['level'] = parsed.level;
      if (group.first.truncated) metadata['truncated'] = 'true';
      const entry: CollectedEntry = {
        timestampMs,
        line: group.line,
        ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
      };
      byStream[stream].push(entry);
      checkpoint = advanceCheckpoint(checkpoint, group.last);
    }
    for (const stream of ['stdout', 'stderr'] as const) {
      const entries = byStream[stream];
      if (entries.length === 0) continue;
      sink.append(labels[stream], entries);
      for (const entry of entries) options.onEntry?.(labels[stream], entry);
    }
    sink.setCheckpoint(key, encodeCheckpoint(checkpoint));
  };

  // Multiline groups wait for their next line; a timer closes them when the container goes quiet.
  const timer = setInterval(() => store(grouper.flushDue(now())), 250);
  timer.unref();
  try {
    const since = sinceParameter(checkpoint);
    await options.engine.logs(
      container.id,
      { follow, timestamps: true, ...(since === undefined ? {} : { since }) },
      (frame) => {
        if (signal.aborted) return; // a newer reader owns the checkpoint now
        const lines = splitter.pushFrame({
          stream: frame.stream === 'stderr' ? 'stderr' : 'stdout',
          payload: frame.payload,
        });
        const groups = lines.flatMap((line) => grouper.push(line, now()));
        store(groups);
      },
      signal,
    );
  } finally {
    clearInterval(timer);
    if (!signal.aborted) {
      // The stream ended (the container stopped): whatever is pending is complete.
      store(splitter.flush().flatMap((line) => grouper.push(line, now())));
      store(grouper.flush());
    }
  }
}
