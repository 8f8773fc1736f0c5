/**
 * Items produced by a subscription and consumed by one SSE writer: `next()` waits for an item, the
 * timeout, or `close()`. Bounded, so a slow client drops the newest items instead of growing memory.
 */
export class LiveQueue<T> {
  readonly #items: T[] = [];
  readonly #capacity: number;
  #wake: (() => void) | undefined;
  #closed = false;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#items.length;
  }

  get closed(): boolean {
    return this.#closed;
  }

  push(item: T): void {
    if (this.#items.length < this.#capacity) this.#items.push(item);
    this.#wake?.();
  }

  close(): void {
    this.#closed = true;
    this.#wake?.();
  }

  /** The next item, or undefined after `timeoutMs` without one or once closed. */
  async next(timeoutMs: number): Promise<T | undefined> {
    if (this.#items.length === 0 && !this.#closed) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, timeoutMs).unref();
      });
      this.#wake = undefined;
    }
    return this.#items.shift();
  }
}
