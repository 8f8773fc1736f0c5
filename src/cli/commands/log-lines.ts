import type { CliContext } from '../cli-context.js';

/** A log entry as the query and tail endpoints return it. */
export interface LogLineJson {
  timestampMs: number;
  line: string;
  /** `labels` from the tail, `streamLabels` from a query. */
  labels?: Record<string, string>;
  streamLabels?: Record<string, string>;
  fields?: Record<string, string>;
  metadata?: Record<string, string>;
}

const streamOf = (entry: LogLineJson): Record<string, string> => entry.streamLabels ?? entry.labels ?? {};

/** `web.2` for a collected line; the label set for pushed lines without service/replica. */
export function linePrefix(entry: LogLineJson): string {
  const labels = streamOf(entry);
  if (labels['service'] !== undefined) {
    return labels['replica'] === undefined ? labels['service'] : `${labels['service']}.${labels['replica']}`;
  }
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;
}

/** Prints one entry: `--json` as one JSON object a line, else `time prefix | line` (stderr lines to stderr). */
export function printLogLine(
  ctx: CliContext,
  entry: LogLineJson,
  options: { json: boolean; timestamps: boolean },
): void {
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(entry)}\n`);
    return;
  }
  const time = options.timestamps ? `${new Date(entry.timestampMs).toISOString()} ` : '';
  const out = streamOf(entry)['stream'] === 'stderr' ? ctx.stderr : ctx.stdout;
  out.write(`${time}${linePrefix(entry)} | ${entry.line}\n`);
}

/** Follows a live tail until Ctrl-C, printing each entry. */
export async function followTail(
  ctx: CliContext,
  query: string,
  app: string | undefined,
  print: (entry: LogLineJson) => void,
  onReady?: () => Promise<void>,
): Promise<void> {
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  try {
    const params = new URLSearchParams({ query, ...(app === undefined ? {} : { app }) });
    for await (const message of ctx.client.events<LogLineJson>(
      `/logs/tail?${params.toString()}`,
      abort.signal,
    )) {
      if (message.event === 'ready') await onReady?.();
      else if (message.event === 'entry') print(message.data);
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    process.off('SIGINT', stop);
  }
}
