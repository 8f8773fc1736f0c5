import { describe, expect, it } from 'vitest';
import { buildOtlpLogsPayload, type ExportRecord } from './index.js';

const labels = { app: 'shop', service: 'web', replica: '1', release: '7' };

describe('buildOtlpLogsPayload', () => {
  it('nests records under resourceLogs[].scopeLogs[].logRecords[] with OTLP JSON field names', () => {
    const records: ExportRecord[] = [
      {
        labels: { ...labels, stream: 'stderr' },
        timestampNs: 1714564800000000001n,
        line: 'db timeout',
        level: 'warn',
        metadata: { user: 'ann' },
      },
    ];
    expect(
      buildOtlpLogsPayload(records, { observedTimeNs: 1714564800500000000n, scopeVersion: '0.1.0' }),
    ).toEqual({
      resourceLogs: [
        {
          resource: {
            attributes: [
              { key: 'app', value: { stringValue: 'shop' } },
              { key: 'service', value: { stringValue: 'web' } },
              { key: 'replica', value: { stringValue: '1' } },
              { key: 'release', value: { stringValue: '7' } },
              { key: 'service.namespace', value: { stringValue: 'shop' } },
              { key: 'service.name', value: { stringValue: 'web' } },
            ],
          },
          scopeLogs: [
            {
              scope: { name: 'berth', version: '0.1.0' },
              logRecords: [
                {
                  timeUnixNano: '1714564800000000001',
                  observedTimeUnixNano: '1714564800500000000',
                  severityNumber: 13,
                  severityText: 'WARN',
                  body: { stringValue: 'db timeout' },
                  attributes: [
                    { key: 'user', value: { stringValue: 'ann' } },
                    { key: 'log.iostream', value: { stringValue: 'stderr' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('shares one resource between the stdout and stderr of a replica, and separates replicas', () => {
    const payload = buildOtlpLogsPayload([
      { labels: { ...labels, stream: 'stdout' }, timestampNs: 1n, line: 'a' },
      { labels: { ...labels, stream: 'stderr' }, timestampNs: 2n, line: 'b' },
      { labels: { ...labels, replica: '2', stream: 'stdout' }, timestampNs: 3n, line: 'c' },
    ]);
    expect(
      payload.resourceLogs.map((r) => r.scopeLogs[0]?.logRecords.map((l) => l.body.stringValue)),
    ).toEqual([['a', 'b'], ['c']]);
  });

  it.each([
    ['trace', 1],
    ['debug', 5],
    ['info', 9],
    ['warn', 13],
    ['error', 17],
    ['critical', 20],
    ['fatal', 21],
  ] as const)('maps level %s to severityNumber %i', (level, severityNumber) => {
    const [record] =
      buildOtlpLogsPayload([{ labels, timestampNs: 1n, line: 'x', level }]).resourceLogs[0]?.scopeLogs[0]
        ?.logRecords ?? [];
    expect(record?.severityNumber).toBe(severityNumber);
  });

  it('leaves severity out when the level is unknown, and uses the record time as observed time', () => {
    const [record] =
      buildOtlpLogsPayload([{ labels: { app: 'a' }, timestampNs: 5n, line: 'x' }]).resourceLogs[0]
        ?.scopeLogs[0]?.logRecords ?? [];
    expect(record).toEqual({
      timeUnixNano: '5',
      observedTimeUnixNano: '5',
      body: { stringValue: 'x' },
      attributes: [],
    });
  });
});
