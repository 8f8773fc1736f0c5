import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDnsAnswer, buildDnsQuery, parseDnsQuery } from './dns-message.js';
import { startDnsServer } from './dns-server.js';

describe('DNS messages', () => {
  it('parses a query and answers with A records', () => {
    const query = parseDnsQuery(buildDnsQuery(0x1234, 'web.shop.berth.internal'));
    expect(query).toMatchObject({ id: 0x1234, name: 'web.shop.berth.internal', type: 1 });
    if (!query) throw new Error('no query');
    const answer = buildDnsAnswer(query, ['172.18.0.2', '172.18.0.3']);
    expect(answer.readUInt16BE(0)).toBe(0x1234);
    expect(answer.readUInt16BE(2) & 0x000f).toBe(0); // NOERROR
    expect(answer.readUInt16BE(6)).toBe(2);
    expect([...answer.subarray(answer.length - 4)]).toEqual([172, 18, 0, 3]);
  });

  it('answers NXDOMAIN for an unknown name and no records for a name without replicas', () => {
    const query = parseDnsQuery(buildDnsQuery(1, 'nope.berth.internal'));
    if (!query) throw new Error('no query');
    expect(buildDnsAnswer(query, undefined).readUInt16BE(2) & 0x000f).toBe(3);
    const empty = buildDnsAnswer(query, []);
    expect(empty.readUInt16BE(2) & 0x000f).toBe(0);
    expect(empty.readUInt16BE(6)).toBe(0);
  });

  it('ignores packets that are not a single question', () => {
    expect(parseDnsQuery(Buffer.alloc(5))).toBeUndefined();
  });
});

describe('the ingress DNS server', () => {
  it('serves the zone file and picks up a rewrite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-dns-'));
    const zoneFile = join(dir, 'zone.json');
    writeFileSync(zoneFile, JSON.stringify({ 'web.shop.berth.internal': ['10.0.0.1'] }));
    const server = await startDnsServer({ host: '127.0.0.1', port: 0, zoneFile });
    const port = server.address().port;
    const ask = (name: string): Promise<Buffer> =>
      new Promise((resolve) => {
        const client = createSocket('udp4');
        client.once('message', (msg) => {
          client.close();
          resolve(msg);
        });
        client.send(buildDnsQuery(7, name), port, '127.0.0.1');
      });
    try {
      expect([...(await ask('web.shop.berth.internal')).subarray(-4)]).toEqual([10, 0, 0, 1]);
      await new Promise((r) => setTimeout(r, 20));
      writeFileSync(zoneFile, JSON.stringify({ 'web.shop.berth.internal': ['10.0.0.9'] }));
      expect([...(await ask('web.shop.berth.internal')).subarray(-4)]).toEqual([10, 0, 0, 9]);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
