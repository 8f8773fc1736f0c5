import { labelSetKey, type ExportRecord } from './export-record.js';

/** The JSON body of `POST /loki/api/v1/push`. */
export interface LokiPushPayload {
  streams: {
    stream: Record<string, string>;
    values: ([string, string] | [string, string, Record<string, string>])[];
  }[];
}

/**
 * Builds a Loki push body: one stream per label set (in order of first appearance), values in record
 * order, structured metadata as the optional third element (Loki HTTP API, "Ingest logs").
 *
 * @example
 * JSON.stringify(buildLokiPushPayload(records)); // POST to <loki>/loki/api/v1/push, Content-Type: application/json
 */
export function buildLokiPushPayload(records: readonly ExportRecord[]): LokiPushPayload {
  const streams = new Map<string, LokiPushPayload['streams'][number]>();
  for (const record of records) {
    const key = labelSetKey(record.labels);
    let stream = streams.get(key);
    if (stream === undefined) {
      stream = { stream: { ...record.labels }, values: [] };
      streams.set(key, stream);
    }
    const ns = record.timestampNs.toString();
    const metadata = record.metadata;
    stream.values.push(
      metadata === undefined || Object.keys(metadata).length === 0
        ? [ns, record.line]
        : [ns, record.line, { ...metadata }],
    );
  }
  return { streams: [...streams.values()] };
}
