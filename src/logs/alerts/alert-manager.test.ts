import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertRuleSpec } from '../../app/index.js';
import { MemoryEntrySource } from '../query/index.js';
import { AlertManager } from './alert-manager.js';
import type { AlertNotification } from './notify-webhook.js';

let server: Server | undefined;
let manager: AlertManager | undefined;
afterEach(async () => {
  manager?.stop();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A webhook receiver on loopback that collects what it is sent. */
async function receiver(): Promise<{ url: string; received: AlertNotification[] }> {
  const received: AlertNotification[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as AlertNotification);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received };
}

describe('AlertManager', () => {
  it('fires after "for" on a real spike, records events, calls the webhook, then resolves', async () => {
    const hook = await receiver();
    const source = new MemoryEntrySource();
    let now = 1_000_000;
    const events: { app: string; kind: string; message: string }[] = [];
    const rule: AlertRuleSpec = {
      name: 'errors',
      expr: 'sum(count_over_time({service="web"} |= "ERROR" [10s])) > 3',
      forMs: 10_000,
      everyMs: 60_000,
      severity: 'critical',
      webhook: hook.url,
    };
    manager = new AlertManager({
      source,
      rules: () => [{ app: 'shop', rules: [rule] }],
      record: (app, kind, message) => events.push({ app, kind, message }),
      logger: pino({ level: 'silent' }),
      externalUrl: 'http://127.0.0.1:7070',
      now: () => now,
    });
    manager.start(60_000);
    const spike = (app: string, from: number, count: number) => {
      for (let i = 0; i < count; i++) {
        source.entries.push({
          labels: { app, service: 'web' },
          timestampMs: from + i * 100,
          line: `ERROR boom ${i}`,
        });
      }
    };
    // Another app's errors never count for shop.
    spike('bank', now - 5000, 50);
    expect(await manager.evaluate('shop/errors')).toEqual([]);
    spike('shop', now - 2000, 5);
    expect(await manager.evaluate('shop/errors')).toEqual([]); // pending
    expect(manager.status('shop')[0]?.state).toBe('pending');
    now += 10_000;
    spike('shop', now - 2000, 6);
    const fired = await manager.evaluate('shop/errors');
    expect(fired.map((t) => [t.kind, t.value])).toEqual([['firing', 6]]);
    now += 20_000; // the spike is over
    expect((await manager.evaluate('shop/errors')).map((t) => t.kind)).toEqual(['resolved']);
    expect(events.map((e) => e.kind)).toEqual(['alert.firing', 'alert.resolved']);
    expect(events[0]?.message).toBe('alert errors firing (value 6)');
    await expect.poll(() => hook.received.length).toBe(2);
    expect(hook.received[0]).toMatchObject({
      status: 'firing',
      commonLabels: { alertname: 'errors', app: 'shop', severity: 'critical' },
      alerts: [{ status: 'firing', value: 6, endsAt: '0001-01-01T00:00:00Z' }],
    });
    expect(hook.received[1]?.status).toBe('resolved');
  });

  it('stops a rule that left the release and reports evaluation errors in its status', async () => {
    let rules: AlertRuleSpec[] = [
      { name: 'a', expr: 'sum(rate({service="web"}[1m])) > 1', forMs: 0, everyMs: 60_000, severity: 'info' },
    ];
    const failing = {
      select: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('disk gone')) }),
      }),
    };
    manager = new AlertManager({
      source: failing,
      rules: () => [{ app: 'shop', rules }],
      record: () => undefined,
      logger: pino({ level: 'silent' }),
      externalUrl: '',
    });
    manager.start(60_000);
    await manager.evaluate('shop/a');
    expect(manager.status('shop')).toMatchObject([{ name: 'a', state: 'inactive', lastError: 'disk gone' }]);
    rules = [];
    manager.sync();
    expect(manager.status('shop')).toEqual([]);
  });
});
