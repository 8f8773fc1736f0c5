import { createHash } from 'node:crypto';
import type { Forge } from './forge.js';

/** Where claimed delivery keys outlive the process (an SQLite table); calls are synchronous. */
export interface DeliveryStore {
  has(key: string): boolean;
  add(key: string): void;
  delete(key: string): void;
}

export interface DeliveryDeduperOptions {
  /** Keys remembered in memory, least recently seen dropped first. */
  capacity?: number;
  store?: DeliveryStore;
}

/**
 * The keys that identify one delivery: the forge's delivery id, and a digest of the raw body. GitHub and
 * GitLab keep the delivery id when a hook is redelivered; Gitea and Forgejo give a redelivery a new id
 * (models/webhook/hooktask.go, ReplayHookTask) but send the same bytes, which the digest catches.
 */
export function deliveryKeys(event: { forge: Forge; deliveryId: string }, rawBody: Uint8Array): string[] {
  const digest = createHash('sha256').update(rawBody).digest('hex');
  return [`${event.forge}:delivery:${event.deliveryId}`, `${event.forge}:body:${digest}`];
}

/**
 * Remembers which webhook deliveries already created a run, so a redelivered hook creates no second one
 * (issue 6). In memory it is a bounded LRU; an optional store makes claims survive restarts.
 *
 * @example
 * const keys = deliveryKeys(event, rawBody);
 * if (!deduper.claim(keys)) return reply(200, 'already received');
 * try { createRun(event) } catch (error) { deduper.release(keys); throw error }
 */
export class DeliveryDeduper {
  private readonly capacity: number;
  private readonly store: DeliveryStore | undefined;
  private readonly seen = new Map<string, true>();

  constructor(options: DeliveryDeduperOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 10_000);
    this.store = options.store;
  }

  /**
   * Records the delivery and returns true if none of its keys was seen before; returns false (and records
   * nothing new) for a redelivery.
   */
  claim(keys: readonly string[]): boolean {
    const known = keys.some((key) => this.seen.has(key) || this.store?.has(key) === true);
    for (const key of keys) {
      if (known && !this.seen.has(key)) continue;
      this.remember(key);
    }
    if (known) return false;
    for (const key of keys) this.store?.add(key);
    return true;
  }

  /** Forgets a claim whose run could not be created, so the forge's retry is let through. */
  release(keys: readonly string[]): void {
    for (const key of keys) {
      this.seen.delete(key);
      this.store?.delete(key);
    }
  }

  /** Keys held in memory. */
  get size(): number {
    return this.seen.size;
  }

  private remember(key: string): void {
    this.seen.delete(key);
    this.seen.set(key, true);
    while (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next();
      if (oldest.done === true) break;
      this.seen.delete(oldest.value);
    }
  }
}
