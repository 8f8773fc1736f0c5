import type { Logger } from 'pino';
import { BerthError } from '../../errors/index.js';
import {
  buildLokiPushPayload,
  buildOtlpLogsPayload,
  ExportBatcher,
  normalizeLevel,
  sendWithRetry,
  type ExportRecord,
} from '../ingest/index.js';

/** Where to forward logs: a Loki push endpoint or an OTLP/HTTP logs endpoint (JSON encoding). */
export interface ExportTarget {
  kind: 'loki' | 'otlp';
  url: string;
}

/**
 * Parses `BERTH_LOGS_EXPORT`: comma-separated `loki=URL` / `otlp=URL`, e.g.
 * `loki=http://127.0.0.1:3100/loki/api/v1/push,otlp=http://127.0.0.1:4318/v1/logs`.
 */
export function parseExportTargets(text: string | undefined): ExportTarget[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((part) => {
    const match = /^(loki|otlp)=(.+)$/.exec(part.trim());
    let url: URL | undefined;
    try {
      url = match?.[2] ? new URL(match[2]) : undefined;
    } catch {
      url = undefined;
    }
    if (!match || !url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new BerthError('BERTH_CONFIG', `BERTH_LOGS_EXPORT entry "${part}" is not loki=URL or otlp=URL`, {
        hint: 'Write e.g. BERTH_LOGS_EXPORT=loki=http://127.0.0.1:3100/loki/api/v1/push',
      });
    }
    return { kind: match[1] as ExportTarget['kind'], url: url.toString() };
  });
}

/**
 * Forwards every stored entry to the configured log systems in batches (1 MB or 1 s), retrying
 * 429/5xx with backoff. A target that stays down loses batches (logged), never blocks ingestion.
 */
export class LogExporter {
  readonly #targets: { target: ExportTarget; batcher: ExportBatcher<ExportRecord> }[];
  readonly #logger: Logger;
  readonly #timer: NodeJS.Timeout | undefined;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(targets: readonly ExportTarget[], logger: Logger) {
    this.#logger = logger;
    this.#targets = targets.map((target) => ({
      target,
      batcher: new ExportBatcher<ExportRecord>({ maxDelayMs: 1000 }),
    }));
    if (this.#targets.length > 0) {
      this.#timer = setInterval(() => this.#flush((b) => b.flushDue(Date.now())), 250);
      this.#timer.unref();
    }
  }

  add(
    labels: Readonly<Record<string, string>>,
    entry: { timestampMs: number; line: string; metadata?: Readonly<Record<string, string>> },
  ): void {
    if (this.#targets.length === 0) return;
    const level =
      entry.metadata?.['level'] === undefined ? undefined : normalizeLevel(entry.metadata['level']);
    const record: ExportRecord = {
      labels,
      timestampNs: BigInt(Math.round(entry.timestampMs)) * 1_000_000n,
      line: entry.line,
      ...(entry.metadata ? { metadata: entry.metadata } : {}),
      ...(level ? { level } : {}),
    };
    for (const { target, batcher } of this.#targets) {
      for (const batch of batcher.add(record, Date.now())) this.#send(target, batch);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#flush((b) => b.flush());
    await Promise.allSettled([...this.#inFlight]);
  }

  #flush(take: (batcher: ExportBatcher<ExportRecord>) => ExportRecord[][]): void {
    for (const { target, batcher } of this.#targets)
      for (const batch of take(batcher)) this.#send(target, batch);
  }

  #send(target: ExportTarget, batch: ExportRecord[]): void {
    const payload = target.kind === 'loki' ? buildLokiPushPayload(batch) : buildOtlpLogsPayload(batch);
    const sending = sendWithRetry(target.url, JSON.stringify(payload))
      .then(
        () => undefined,
        (error: unknown) =>
          this.#logger.warn(
            { err: error, target: target.url, entries: batch.length },
            'log export failed; batch dropped',
          ),
      )
      .finally(() => this.#inFlight.delete(sending));
    this.#inFlight.add(sending);
  }
}
