/** A parsed DNS question (RFC 1035 §4.1): enough to answer A/AAAA queries for the ingress zone. */
export interface DnsQuery {
  id: number;
  flags: number;
  name: string;
  type: number;
  /** The raw question section, echoed back in the answer. */
  question: Buffer;
}

export const dnsTypeA = 1;

/** Parses a query with one question; undefined when the packet is not one. */
export function parseDnsQuery(packet: Buffer): DnsQuery | undefined {
  if (packet.length < 17 || packet.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  while (offset < packet.length) {
    const length = packet[offset] ?? 0;
    if (length === 0) break;
    if (length > 63 || offset + 1 + length > packet.length) return undefined; // no compression in questions
    labels.push(
      packet
        .subarray(offset + 1, offset + 1 + length)
        .toString('ascii')
        .toLowerCase(),
    );
    offset += 1 + length;
  }
  const end = offset + 5;
  if (end > packet.length) return undefined;
  return {
    id: packet.readUInt16BE(0),
    flags: packet.readUInt16BE(2),
    name: labels.join('.'),
    type: packet.readUInt16BE(offset + 1),
    question: packet.subarray(12, end),
  };
}

/**
 * An authoritative answer: A records for `ips` (only for A questions), NOERROR with no records for other
 * types of a known name, NXDOMAIN for an unknown one. TTL 0: the proxy's refresh interval is the cache.
 */
export function buildDnsAnswer(query: DnsQuery, ips: readonly string[] | undefined): Buffer {
  const answers = query.type === dnsTypeA && ips ? ips : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  const recursionDesired = query.flags & 0x0100;
  header.writeUInt16BE(0x8400 | recursionDesired | (ips === undefined ? 3 : 0), 2); // QR, AA, RD echoed, RCODE
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const records = answers.map((ip) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // pointer to the name in the question
    record.writeUInt16BE(dnsTypeA, 2);
    record.writeUInt16BE(1, 4); // class IN
    record.writeUInt32BE(0, 6);
    record.writeUInt16BE(4, 10);
    ip.split('.').forEach((part, i) => record.writeUInt8(Number(part), 12 + i));
    return record;
  });
  return Buffer.concat([header, query.question, ...records]);
}

/** Builds a query packet (used to check that the server answers). */
export function buildDnsQuery(id: number, name: string): Buffer {
  const labels = name
    .split('.')
    .map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')]));
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2);
  header.writeUInt16BE(1, 4);
  const tail = Buffer.alloc(5);
  tail.writeUInt16BE(dnsTypeA, 1);
  tail.writeUInt16BE(1, 3);
  return Buffer.concat([header, ...labels, tail]);
}
