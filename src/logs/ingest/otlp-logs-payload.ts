import { labelSetKey, type ExportRecord } from './export-record.js';
import type { LogLevel } from './log-level.js';

/** An OTLP `KeyValue` with a string value (the only kind Berth sends). */
export interface OtlpAttribute {
  key: string;
  value: { stringValue: string };
}

export interface OtlpLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber?: number;
  severityText?: string;
  body: { stringValue: string };
  attributes: OtlpAttribute[];
}

/** The JSON body of an OTLP/HTTP `POST /v1/logs` (`ExportLogsServiceRequest`). */
export interface OtlpLogsPayload {
  resourceLogs: {
    resource: { attributes: OtlpAttribute[] };
    scopeLogs: { scope: { name: string; version?: string }; logRecords: OtlpLogRecord[] }[];
  }[];
}

export interface OtlpPayloadOptions {
  /** When the records were collected; defaults to each record's own time. */
  observedTimeNs?: bigint;
  scopeName?: string;
  scopeVersion?: string;
}

// OpenTelemetry logs data model, "Field: SeverityNumber": the first number of each range.
// `critical` sits at the top of ERROR (ERROR4), below FATAL.
const SEVERITY_NUMBER: Readonly<Record<LogLevel, number>> = {
  trace: 1,
  debug: 5,
  info: 9,
  warn: 13,
  error: 17,
  critical: 20,
  fatal: 21,
};

/**
 * Builds an OTLP/HTTP JSON logs request. Records are grouped by label set into one `resourceLogs`
 * each; labels become resource attributes, plus `service.namespace` = app and `service.name` = service
 * (OpenTelemetry resource semantic conventions); `stream` becomes the record attribute `log.iostream`.
 * 64-bit times are decimal strings, as the OTLP JSON encoding allows.
 *
 * @example
 * JSON.stringify(buildOtlpLogsPayload(records)); // POST to <collector>/v1/logs, Content-Type: application/json
 */
export function buildOtlpLogsPayload(
  records: readonly ExportRecord[],
  options: OtlpPayloadOptions = {},
): OtlpLogsPayload {
  const scope = {
    name: options.scopeName ?? 'berth',
    ...(options.scopeVersion === undefined ? {} : { version: options.scopeVersion }),
  };
  const groups = new Map<string, OtlpLogsPayload['resourceLogs'][number]>();
  for (const record of records) {
    const { stream, ...resourceLabels } = record.labels;
    const key = labelSetKey(resourceLabels);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        resource: { attributes: resourceAttributes(resourceLabels) },
        scopeLogs: [{ scope, logRecords: [] }],
      };
      groups.set(key, group);
    }
    group.scopeLogs[0]?.logRecords.push(logRecord(record, stream, options.observedTimeNs));
  }
  return { resourceLogs: [...groups.values()] };
}

function resourceAttributes(labels: Readonly<Record<string, string>>): OtlpAttribute[] {
  const attributes = Object.entries(labels).map(([key, value]) => attribute(key, value));
  if (labels.app !== undefined) attributes.push(attribute('service.namespace', labels.app));
  const serviceName = labels.service ?? labels.app;
  if (serviceName !== undefined) attributes.push(attribute('service.name', serviceName));
  return attributes;
}

function logRecord(
  record: ExportRecord,
  stream: string | undefined,
  observedNs: bigint | undefined,
): OtlpLogRecord {
  const attributes = Object.entries(record.metadata ?? {}).map(([key, value]) => attribute(key, value));
  if (stream !== undefined) attributes.push(attribute('log.iostream', stream));
  const out: OtlpLogRecord = {
    timeUnixNano: record.timestampNs.toString(),
    observedTimeUnixNano: (observedNs ?? record.timestampNs).toString(),
    body: { stringValue: record.line },
    attributes,
  };
  if (record.level !== undefined) {
    out.severityNumber = SEVERITY_NUMBER[record.level];
    out.severityText = record.level.toUpperCase();
  }
  return out;
}

function attribute(key: string, value: string): OtlpAttribute {
  return { key, value: { stringValue: value } };
}
