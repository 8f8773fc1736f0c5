import { describe, expect, it } from 'vitest';
import { DeliveryDeduper, deliveryKeys, type DeliveryStore } from './delivery-deduper.js';

const push = Buffer.from('{"ref":"refs/heads/main","after":"6b1f5330"}');
const otherPush = Buffer.from('{"ref":"refs/heads/main","after":"2f22765d"}');

/** A store like the SQLite table the server will use. */
function memoryStore(): DeliveryStore & { keys: Set<string> } {
  const keys = new Set<string>();
  return {
    keys,
    has: (key) => keys.has(key),
    add: (key) => void keys.add(key),
    delete: (key) => void keys.delete(key),
  };
}

describe('DeliveryDeduper', () => {
  it('lets a delivery through once and drops its redelivery', () => {
    const deduper = new DeliveryDeduper();
    const keys = deliveryKeys({ forge: 'github', deliveryId: 'd-1' }, push);
    expect(deduper.claim(keys)).toBe(true);
    expect(deduper.claim(keys)).toBe(false);
  });

  it('drops a Gitea redelivery, which has a new delivery id but the same body', () => {
    const deduper = new DeliveryDeduper();
    expect(deduper.claim(deliveryKeys({ forge: 'gitea', deliveryId: 'uuid-1' }, push))).toBe(true);
    expect(deduper.claim(deliveryKeys({ forge: 'gitea', deliveryId: 'uuid-2' }, push))).toBe(false);
    expect(deduper.claim(deliveryKeys({ forge: 'gitea', deliveryId: 'uuid-3' }, otherPush))).toBe(true);
  });

  it('keeps the same id from different forges apart', () => {
    const deduper = new DeliveryDeduper();
    expect(deduper.claim(deliveryKeys({ forge: 'github', deliveryId: 'same' }, push))).toBe(true);
    expect(deduper.claim(deliveryKeys({ forge: 'gitlab', deliveryId: 'same' }, push))).toBe(true);
  });

  it('forgets the least recently seen delivery beyond its capacity', () => {
    const deduper = new DeliveryDeduper({ capacity: 2 });
    expect(deduper.claim(['a'])).toBe(true);
    expect(deduper.claim(['b'])).toBe(true);
    expect(deduper.claim(['a'])).toBe(false); // seen again: now the most recent
    expect(deduper.claim(['c'])).toBe(true); // evicts b
    expect(deduper.size).toBe(2);
    expect(deduper.claim(['a'])).toBe(false);
    expect(deduper.claim(['b'])).toBe(true);
  });

  it('remembers deliveries across restarts through its store', () => {
    const store = memoryStore();
    const keys = deliveryKeys({ forge: 'gitlab', deliveryId: 'key-1' }, push);
    expect(new DeliveryDeduper({ store }).claim(keys)).toBe(true);
    expect(new DeliveryDeduper({ store }).claim(keys)).toBe(false);
  });

  it('lets the retry through after a claim is released because the run could not be created', () => {
    const store = memoryStore();
    const deduper = new DeliveryDeduper({ store });
    const keys = deliveryKeys({ forge: 'github', deliveryId: 'd-2' }, push);
    expect(deduper.claim(keys)).toBe(true);
    deduper.release(keys);
    expect(store.keys.size).toBe(0);
    expect(deduper.claim(keys)).toBe(true);
  });
});
