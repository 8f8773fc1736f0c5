import type { Clock, TimerHandle } from '../clock.js';

interface Timer {
  at: number;
  callback: () => void;
}

/**
 * A clock for tests. `advance()` lets time pass (wall clock and timers together, firing due timers in
 * order and letting promises settle after each); `jump()` steps only the wall clock, as NTP or a
 * suspended laptop does, while timers keep counting elapsed time.
 */
export class FakeClock implements Clock {
  #wall: number;
  #elapsed = 0;
  #nextId = 1;
  readonly #timers = new Map<number, Timer>();

  constructor(start: Date | string) {
    this.#wall = new Date(start).getTime();
  }

  now(): number {
    return this.#wall;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#elapsed + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Lets `ms` pass, running each timer when it falls due. */
  async advance(ms: number): Promise<void> {
    const end = this.#elapsed + ms;
    for (;;) {
      let soonest: [number, Timer] | undefined;
      for (const entry of this.#timers)
        if (soonest === undefined || entry[1].at < soonest[1].at) soonest = entry;
      if (soonest === undefined || soonest[1].at > end) break;
      const [id, timer] = soonest;
      this.#wall += timer.at - this.#elapsed;
      this.#elapsed = timer.at;
      this.#timers.delete(id);
      timer.callback();
      await settle();
    }
    this.#wall += end - this.#elapsed;
    this.#elapsed = end;
    await settle();
  }

  /** Advances to a wall time (see `advance`). */
  async advanceTo(time: Date | string): Promise<void> {
    await this.advance(new Date(time).getTime() - this.#wall);
  }

  /** Steps the wall clock by `ms` (negative: back) without any time passing for timers. */
  jump(ms: number): void {
    this.#wall += ms;
  }
}

/** Lets pending promise callbacks run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
