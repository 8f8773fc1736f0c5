import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { LogExporter, parseExportTargets } from './log-exporter.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe('parseExportTargets', () => {
  it('reads loki= and otlp= entries', () => {
    expect(
      parseExportTargets('loki=http://127.0.0.1:3100/loki/api/v1/push, otlp=https://otel.example/v1/logs'),
    ).toEqual([
      { kind: 'loki', url: 'http://127.0.0.1:3100/loki/api/v1/push' },
      { kind: 'otlp', url: 'https://otel.example/v1/logs' },
    ]);
    expect(parseExportTargets('')).toEqual([]);
  });

  it.each(['loki', 'kafka=http://x', 'loki=ftp://x', 'otlp=not a url'])('refuses "%s"', (text) => {
    expect(() => parseExportTargets(text)).toThrow('is not loki=URL or otlp=URL');
  });
});

describe('LogExporter', () => {
  it('forwards entries as Loki push and OTLP JSON batches', async () => {
    const received: { path: string; body: unknown }[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(body) as unknown });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const exporter = new LogExporter(
      [
        { kind: 'loki', url: `${base}/loki/api/v1/push` },
        { kind: 'otlp', url: `${base}/v1/logs` },
      ],
      pino({ level: 'silent' }),
    );
    exporter.add(
      { app: 'shop', service: 'web' },
      { timestampMs: 1_700_000_000_123, line: 'hello', metadata: { level: 'error' } },
    );
    await exporter.close();
    const loki = received.find((r) => r.path === '/loki/api/v1/push')?.body;
    expect(loki).toMatchObject({
      streams: [
        {
          stream: { app: 'shop', service: 'web' },
          values: [['1700000000123000000', 'hello', { level: 'error' }]],
        },
      ],
    });
    const otlp = JSON.stringify(received.find((r) => r.path === '/v1/logs')?.body);
    expect(otlp).toContain('"timeUnixNano":"1700000000123000000"');
    expect(otlp).toContain('"stringValue":"hello"');
  });
});
