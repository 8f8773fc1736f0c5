import type Docker from 'dockerode';
import type { Readable } from 'node:stream';

/** One container event as the engine reported it; `atMs` is the engine's clock (same host). */
export interface RecordedEvent {
  action: string;
  id: string;
  atMs: number;
  attributes: Record<string, string>;
}

/**
 * Records the engine's container events for one label filter, so a bench can time what the engine did
 * (die, start, kill) independently of Berth and of polling intervals.
 */
export class EngineEvents {
  readonly events: RecordedEvent[] = [];
  readonly #stream: Readable;
  readonly #waiters = new Set<() => void>();

  private constructor(stream: Readable) {
    this.#stream = stream;
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (!line) continue;
        const raw = JSON.parse(line) as {
          Action: string;
          Actor: { ID: string; Attributes?: Record<string, string> };
          timeNano: number;
        };
        this.events.push({
          action: raw.Action,
          id: raw.Actor.ID,
          atMs: raw.timeNano / 1e6,
          attributes: raw.Actor.Attributes ?? {},
        });
        for (const wake of this.#waiters) wake();
      }
    });
  }

  /** Starts listening; events from before this call are not included. */
  static async watch(docker: Docker, label: string): Promise<EngineEvents> {
    const stream = (await docker.getEvents({
      filters: { type: ['container'], label: [label] },
    })) as unknown as Readable;
    return new EngineEvents(stream);
  }

  /** A position in the log: pass it to `next` to ignore what happened before. */
  mark(): number {
    return this.events.length;
  }

  /** The first event at or after `from` matching `match`, waiting for it up to `timeoutMs`. */
  async next(
    what: string,
    match: (e: RecordedEvent) => boolean,
    timeoutMs: number,
    from = 0,
  ): Promise<RecordedEvent> {
    const found = (): RecordedEvent | undefined => this.events.slice(from).find(match);
    const now = found();
    if (now) return now;
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        const event = found();
        if (!event) return;
        done();
        resolve(event);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no "${what}" engine event within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      this.#waiters.add(wake);
    });
  }

  stop(): void {
    this.#stream.destroy();
  }
}
