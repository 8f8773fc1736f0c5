export interface ExportBatcherOptions<T> {
  /** A batch is sent once it holds this many records. */
  maxRecords?: number;
  /** A batch is sent once its records add up to this many bytes (as `sizeOf` counts them). */
  maxBytes?: number;
  /** A batch is sent once its oldest record has waited this long. */
  maxDelayMs?: number;
  /** The approximate encoded size of a record; defaults to its line length plus 64 bytes of envelope. */
  sizeOf?: (record: T) => number;
}

/**
 * Collects records into batches for an exporter, closing a batch by count, size or age. The caller
 * drives time: {@link add} returns batches that are full, {@link flushDue} a batch that is old enough.
 *
 * @example
 * const batcher = new ExportBatcher<ExportRecord>({ maxBytes: 1 << 20, maxDelayMs: 1000 });
 * for (const batch of batcher.add(record, Date.now())) await send(batch);
 */
export class ExportBatcher<T extends { line: string }> {
  readonly #maxRecords: number;
  readonly #maxBytes: number;
  readonly #maxDelayMs: number;
  readonly #sizeOf: (record: T) => number;
  #records: T[] = [];
  #bytes = 0;
  #oldestMs = 0;

  constructor(options: ExportBatcherOptions<T> = {}) {
    this.#maxRecords = options.maxRecords ?? 1000;
    this.#maxBytes = options.maxBytes ?? 1024 * 1024;
    this.#maxDelayMs = options.maxDelayMs ?? 1000;
    this.#sizeOf = options.sizeOf ?? ((record) => record.line.length + 64);
  }

  /** Records waiting in the open batch. */
  get pendingRecords(): number {
    return this.#records.length;
  }

  /** When the open batch becomes due, for the caller's timer; undefined when it is empty. */
  get nextDueMs(): number | undefined {
    return this.#records.length === 0 ? undefined : this.#oldestMs + this.#maxDelayMs;
  }

  /** Adds a record; returns the batches it closed (a record too big for any batch travels alone). */
  add(record: T, nowMs: number): T[][] {
    const size = this.#sizeOf(record);
    const out: T[][] = [];
    if (this.#records.length > 0 && this.#bytes + size > this.#maxBytes) out.push(this.#take());
    if (this.#records.length === 0) this.#oldestMs = nowMs;
    this.#records.push(record);
    this.#bytes += size;
    if (this.#records.length >= this.#maxRecords || this.#bytes >= this.#maxBytes) out.push(this.#take());
    return out;
  }

  /** Returns the open batch when its oldest record has waited `maxDelayMs`. */
  flushDue(nowMs: number): T[][] {
    return this.#records.length > 0 && nowMs - this.#oldestMs >= this.#maxDelayMs ? [this.#take()] : [];
  }

  /** Returns the open batch whatever its age (on shutdown). */
  flush(): T[][] {
    return this.#records.length > 0 ? [this.#take()] : [];
  }

  #take(): T[] {
    const batch = this.#records;
    this.#records = [];
    this.#bytes = 0;
    return batch;
  }
}
