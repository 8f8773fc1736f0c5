/** A timer handle from `Clock.setTimeout`; opaque to callers. */
export type TimerHandle = object | number;

/**
 * Wall time and timers, injectable so schedulers can be tested with a fake clock. `now()` is the wall
 * clock (it may jump); timers run on elapsed time, as Node's `setTimeout` does.
 */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock. Its timers are unref'd: a scheduler alone never keeps the process alive (the daemon's
 * HTTP server does).
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
